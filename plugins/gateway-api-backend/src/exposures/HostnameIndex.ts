import {
  compareStatusLevels,
  Exposure,
  HostnameFacetField,
  HostnameFacets,
  HostnameQuery,
  HostnameSortKey,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { DueQueue } from './DueQueue';
import { exposureAt, exposureClock, exposureHoldsAt } from './exposureClock';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The facet fields in the order the API lists them. */
export const HOSTNAME_FACET_FIELDS: readonly HostnameFacetField[] = [
  'tenant',
  'cluster',
  'owner',
  'status',
  'tls',
  'source',
  'migration',
];

const SORT_KEYS: readonly HostnameSortKey[] = [
  'hostname',
  'tenant',
  'cluster',
  'owner',
  'status',
  'expiry',
];

/** The value a hostname has for a facet; undefined leaves it out of that facet's counts. */
const FACET_VALUE: Record<
  HostnameFacetField,
  (e: Exposure) => string | undefined
> = {
  tenant: e => e.tenant,
  cluster: e => e.cluster,
  owner: e => e.owner,
  status: e => e.status.status,
  tls: e => e.tls?.state ?? 'none',
  source: e => e.source ?? 'Route',
  migration: e => e.migration,
};

/**
 * What the clock moves in a hostname: its TLS state and, with it, its status (the facets of
 * both, and the status sort). Its days left move too, but only the row shown.
 */
const CLOCKED_FIELDS: readonly HostnameFacetField[] = ['status', 'tls'];

const listOf = <T extends string>(value: T | readonly T[] | undefined): T[] => {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
};

/** One field's values, each hostname's value code, and each value's hostnames (ascending ids). */
interface FacetColumn {
  values: string[];
  codeOf: Map<string, number>;
  /** -1 for a hostname without a value. */
  codes: Int32Array;
  postings: Int32Array[];
}

/** A set of hostname ids: its size, its members in some order, and a membership test. */
interface IdSet {
  size: number;
  ids: () => Iterable<number>;
  has: (id: number) => boolean;
}

const lower = (text: string) => text.toLocaleLowerCase('en-US');
// Never in a search term's fields, so a term cannot match across two of them.
const SEPARATOR = '\u0000';

/**
 * Every hostname of a set of exposures, indexed once so that `GET /hostnames` answers a page,
 * its count and its facets without scanning or sorting every hostname per request: hostnames
 * are numbered in hostname order, kept pre-sorted by every sort key, listed per facet value,
 * and (built on the first search) listed per trigram of their searchable text. A request then
 * costs about the size of the smallest list its filters name, not the number of hostnames.
 *
 * Built once per change of the exposures (see ExposureIndex.hostnames). The clock changes a
 * hostname's TLS state at instants known in advance (when its certificate starts expiring, when
 * it expires): the index keeps its hostnames by the next such instant and, before each answer,
 * classifies again only those whose instant has passed, so no answer shows a state past its
 * instant and none waits for a rebuild. A row shown is given at the time of the answer (its
 * days left change daily).
 */
export class HostnameIndex {
  readonly size: number;
  private readonly items: Exposure[];
  private readonly columns: Record<HostnameFacetField, FacetColumn>;
  private orders: Record<HostnameSortKey, Int32Array>;
  private ranks: Record<HostnameSortKey, Int32Array>;
  private readonly compare: Record<
    HostnameSortKey,
    (a: number, b: number) => number
  >;
  /** Hostnames by the next instant their TLS state may change. */
  private due = new DueQueue();
  /** The latest time the rows are at: no row was computed later. */
  private asOf = Number.NEGATIVE_INFINITY;
  /** notAfter in ms, Infinity without one; `orders.expiry` sorts by it. */
  private readonly expiry: Float64Array;
  private readonly texts: string[];
  private trigrams?: Map<number, Int32Array>;
  private readonly crossed = new Map<string, Int32Array | undefined>();

  constructor(exposures: readonly Exposure[]) {
    const collator = new Intl.Collator('en-US');
    this.items = [...exposures].sort(
      (a, b) =>
        collator.compare(a.hostname, b.hostname) ||
        collator.compare(a.cluster, b.cluster) ||
        collator.compare(
          `${a.route.namespace}/${a.route.name}`,
          `${b.route.namespace}/${b.route.name}`,
        ),
    );
    const n = this.items.length;
    this.size = n;
    this.expiry = new Float64Array(n);
    this.texts = new Array(n);
    for (let id = 0; id < n; id++) {
      const e = this.items[id];
      const notAfter = e.tls?.notAfter ? Date.parse(e.tls.notAfter) : NaN;
      this.expiry[id] = Number.isNaN(notAfter)
        ? Number.POSITIVE_INFINITY
        : notAfter;
      this.texts[id] = lower(
        [
          e.hostname,
          e.tenant ?? '',
          e.owner ?? '',
          e.entityRef ?? '',
          `${e.route.namespace}/${e.route.name}`,
        ].join(SEPARATOR),
      );
    }
    this.columns = Object.fromEntries(
      HOSTNAME_FACET_FIELDS.map(field => [field, this.column(field)]),
    ) as Record<HostnameFacetField, FacetColumn>;

    const identity = Int32Array.from({ length: n }, (_, i) => i);
    const byText = (field: HostnameFacetField) => {
      const { values, codes } = this.columns[field];
      // Compare each distinct value once, then sort ids by the value's rank.
      const valueRank = new Int32Array(values.length);
      [...values.keys()]
        .sort((a, b) => collator.compare(values[a], values[b]))
        .forEach((code, rank) => (valueRank[code] = rank));
      return (a: number, b: number) =>
        (codes[a] < 0 ? -1 : valueRank[codes[a]]) -
          (codes[b] < 0 ? -1 : valueRank[codes[b]]) || a - b;
    };
    const statusCodes = this.columns.status;
    this.compare = {
      hostname: (a, b) => a - b,
      tenant: byText('tenant'),
      cluster: byText('cluster'),
      owner: byText('owner'),
      status: (a, b) =>
        compareStatusLevels(
          statusCodes.values[
            statusCodes.codes[a]
          ] as Exposure['status']['status'],
          statusCodes.values[
            statusCodes.codes[b]
          ] as Exposure['status']['status'],
        ) || a - b,
      // Infinity (no notAfter) last; Infinity - Infinity is NaN, which `|| 0` makes a tie.
      expiry: (a, b) =>
        Math.sign(this.expiry[a] - this.expiry[b]) || 0 || a - b,
    };
    this.orders = {} as Record<HostnameSortKey, Int32Array>;
    this.ranks = {} as Record<HostnameSortKey, Int32Array>;
    for (const key of SORT_KEYS) {
      const order =
        key === 'hostname'
          ? identity
          : identity.slice().sort(this.compare[key]);
      this.orders[key] = order;
      this.ranks[key] = rankOf(order);
    }
    for (let id = 0; id < n; id++) {
      const clock = exposureClock(this.items[id]);
      if (!clock) continue;
      this.due.push(clock.stateUntil, id);
      this.asOf = Math.max(this.asOf, clock.from);
    }
  }

  /**
   * A page of the hostnames matching `query`, how many match in all, and the facets. `now`
   * decides which certificates expire within `expiringWithinDays`.
   */
  query(
    query: HostnameQuery,
    now: Date,
  ): { items: Exposure[]; totalItems: number; facets: HostnameFacets } {
    this.follow(now.getTime());
    const filters = this.filters(query, now);
    const matching = this.intersect([
      ...filters.byField.values(),
      ...filters.rest,
    ]);
    const limit = query.limit ?? 100;
    const items: Exposure[] = [];
    if (limit > 0) {
      for (const id of this.sorted(matching, query)) {
        items.push(this.current(id, now.getTime()));
        if (items.length >= limit) break;
      }
    }
    return {
      items,
      totalItems: matching.size,
      facets: this.facets(filters, matching),
    };
  }

  /** Every hostname matching `query`, in its sort order, without a page: the CSV export. */
  *all(query: HostnameQuery, now: Date): Generator<Exposure> {
    this.follow(now.getTime());
    const filters = this.filters(query, now);
    const matching = this.intersect([
      ...filters.byField.values(),
      ...filters.rest,
    ]);
    // Chosen and ordered now: the export is read over many turns, while other answers may
    // move the index on to a later time.
    const ids = Int32Array.from(this.sorted(matching, { ...query, offset: 0 }));
    for (const id of ids) yield this.current(id, now.getTime());
  }

  /** Row `id` at `now`, kept for the next answer unless the index has moved past `now`. */
  private current(id: number, now: number): Exposure {
    const row = this.items[id];
    if (exposureHoldsAt(row, now)) return row;
    const next = exposureAt(row, now);
    if (now >= this.asOf) this.items[id] = next;
    return next;
  }

  /**
   * Brings the TLS states to `now`: the hostnames whose next state change has come are
   * computed again and classified again (facets, status order). A clock that went back
   * computes again every hostname computed after `now`.
   */
  private follow(now: number) {
    const changed: number[] = [];
    if (now < this.asOf) {
      for (let id = 0; id < this.size; id++) {
        const row = this.items[id];
        if (exposureHoldsAt(row, now)) continue;
        this.items[id] = exposureAt(row, now);
        changed.push(id);
      }
      this.due = new DueQueue();
      for (let id = 0; id < this.size; id++) {
        const clock = exposureClock(this.items[id]);
        if (clock) this.due.push(clock.stateUntil, id);
      }
    } else {
      for (let id = this.due.popDue(now); id >= 0; id = this.due.popDue(now)) {
        const next = exposureAt(this.items[id], now);
        this.items[id] = next;
        changed.push(id);
        const clock = exposureClock(next);
        if (clock) this.due.push(clock.stateUntil, id);
      }
    }
    this.asOf = now;
    if (changed.length > 0) this.reclassify(changed);
  }

  /**
   * Moves each of `ids` to the facet values and status position of its row now: the postings
   * of the values it left and joined, the cross tables, and the status order.
   */
  private reclassify(ids: readonly number[]) {
    // Per field that moved, the codes `ids` had before.
    const before = new Map<HostnameFacetField, Int32Array>();
    const grown = new Set<HostnameFacetField>();
    for (const field of CLOCKED_FIELDS) {
      const column = this.columns[field];
      const old = Int32Array.from(ids, id => column.codes[id]);
      const left = new Map<number, Set<number>>();
      const joined = new Map<number, number[]>();
      ids.forEach((id, i) => {
        const code = codeFor(column, FACET_VALUE[field](this.items[id]), () =>
          grown.add(field),
        );
        if (code === old[i]) return;
        column.codes[id] = code;
        if (old[i] >= 0)
          left.set(old[i], (left.get(old[i]) ?? new Set()).add(id));
        if (code >= 0) {
          const list = joined.get(code) ?? [];
          joined.set(code, list);
          list.push(id);
        }
      });
      if (left.size === 0 && joined.size === 0) continue;
      before.set(field, old);
      for (const code of new Set([...left.keys(), ...joined.keys()])) {
        column.postings[code] = mergedPosting(
          column.postings[code],
          left.get(code),
          joined.get(code),
        );
      }
    }
    if (before.size === 0) return;
    for (const [key, counts] of this.crossed) {
      const [by, of] = key.split('|') as HostnameFacetField[];
      if (!before.has(by) && !before.has(of)) continue;
      // A new value widens the table: it is counted again on its next use.
      if (grown.has(by) || grown.has(of)) {
        this.crossed.delete(key);
        continue;
      }
      if (!counts) continue;
      const a = this.columns[by].codes;
      const b = this.columns[of].codes;
      const width = this.columns[of].values.length;
      ids.forEach((id, i) => {
        const oldA = before.get(by)?.[i] ?? a[id];
        const oldB = before.get(of)?.[i] ?? b[id];
        if (oldA >= 0 && oldB >= 0) counts[oldA * width + oldB]--;
        if (a[id] >= 0 && b[id] >= 0) counts[a[id] * width + b[id]]++;
      });
    }
    if (before.has('status')) this.resort('status', ids);
  }

  /**
   * The order by `key` with `ids` moved to where their rows now sort: the others keep their
   * order, `ids` are merged in. New arrays, so a walk of the old order is not disturbed.
   */
  private resort(key: HostnameSortKey, ids: readonly number[]) {
    const compare = this.compare[key];
    const moving = new Set(ids);
    const moved = Int32Array.from(moving).sort(compare);
    const old = this.orders[key];
    const order = new Int32Array(old.length);
    let i = 0;
    let j = 0;
    for (let k = 0; k < order.length; k++) {
      while (i < old.length && moving.has(old[i])) i++;
      if (
        j >= moved.length ||
        (i < old.length && compare(old[i], moved[j]) < 0)
      )
        order[k] = old[i++];
      else order[k] = moved[j++];
    }
    this.orders = { ...this.orders, [key]: order };
    this.ranks = { ...this.ranks, [key]: rankOf(order) };
  }

  /** Each filter of `query` as a set: the facet fields' by field, expiry and search apart. */
  private filters(query: HostnameQuery, now: Date) {
    const byField = new Map<
      HostnameFacetField,
      ReturnType<HostnameIndex['facetSet']>
    >();
    for (const field of HOSTNAME_FACET_FIELDS) {
      const wanted = listOf<string>(query[field]);
      if (wanted.length === 0) continue;
      const set = this.facetSet(field, wanted);
      // A filter every hostname passes (source=Route without an Ingress) narrows nothing.
      if (set.size < this.size) byField.set(field, set);
    }
    const rest: IdSet[] = [];
    if (query.expiringWithinDays !== undefined) {
      rest.push(this.expirySet(query.expiringWithinDays, now));
    }
    if (query.search) rest.push(this.searchSet(query.search));
    return { byField, rest };
  }

  /** `matching` in the query's sort order, from `offset` on (lazily: a page reads `limit`). */
  private *sorted(matching: IdSet, query: HostnameQuery): Generator<number> {
    const key = query.sort ?? 'hostname';
    const descending = query.order === 'desc';
    const order = this.orders[key];
    let skip = query.offset ?? 0;
    const n = this.size;
    // A set that is most of the index is cheaper walked in the stored order than sorted.
    if (matching.size * Math.log2(matching.size + 2) >= n) {
      for (let i = 0; i < n; i++) {
        const id = order[descending ? n - 1 - i : i];
        if (!matching.has(id)) continue;
        if (skip > 0) skip--;
        else yield id;
      }
      return;
    }
    const rank = this.ranks[key];
    const ids = Int32Array.from(matching.ids());
    ids.sort((a, b) => (descending ? rank[b] - rank[a] : rank[a] - rank[b]));
    for (let i = skip; i < ids.length; i++) yield ids[i];
  }

  /**
   * Per facet field, the counts of its values among the hostnames matching every other
   * filter: a field without a filter counts `matching`; one with a filter drops only its own.
   */
  private facets(
    filters: {
      byField: Map<HostnameFacetField, ReturnType<HostnameIndex['facetSet']>>;
      rest: IdSet[];
    },
    matching: IdSet,
  ): HostnameFacets {
    const facets = {} as HostnameFacets;
    for (const field of HOSTNAME_FACET_FIELDS) {
      const column = this.columns[field];
      const counts = new Int32Array(column.values.length);
      const otherFields = [...filters.byField.values()].filter(
        f => f.field !== field,
      );
      const only =
        otherFields.length === 1 && filters.rest.length === 0
          ? otherFields[0]
          : undefined;
      const cross = only && this.crossCounts(only.field, field);
      if (otherFields.length === 0 && filters.rest.length === 0) {
        column.postings.forEach((p, code) => (counts[code] = p.length));
      } else if (only && cross) {
        // One other filter: its values' rows of the cross table, no hostname visited.
        const width = column.values.length;
        for (const by of only.codes) {
          for (let code = 0; code < width; code++) {
            counts[code] += cross[by * width + code];
          }
        }
      } else {
        const others = filters.byField.has(field)
          ? this.intersect([...otherFields, ...filters.rest])
          : matching;
        for (const id of others.ids()) {
          const code = column.codes[id];
          if (code >= 0) counts[code]++;
        }
      }
      facets[field] = column.values
        .map((value, code) => ({ value, count: counts[code] }))
        .filter(v => v.count > 0)
        .sort((x, y) => y.count - x.count || x.value.localeCompare(y.value));
    }
    return facets;
  }

  private column(field: HostnameFacetField): FacetColumn {
    const values: string[] = [];
    const codeOf = new Map<string, number>();
    const codes = new Int32Array(this.size);
    const lists: number[][] = [];
    for (let id = 0; id < this.size; id++) {
      const value = FACET_VALUE[field](this.items[id]);
      if (value === undefined || value === '') {
        codes[id] = -1;
        continue;
      }
      let code = codeOf.get(value);
      if (code === undefined) {
        code = values.length;
        codeOf.set(value, code);
        values.push(value);
        lists.push([]);
      }
      codes[id] = code;
      lists[code].push(id);
    }
    return {
      values,
      codeOf,
      codes,
      postings: lists.map(l => Int32Array.from(l)),
    };
  }

  private facetSet(
    field: HostnameFacetField,
    wanted: string[],
  ): IdSet & {
    field: HostnameFacetField;
    codes: number[];
  } {
    const column = this.columns[field];
    const codes = [
      ...new Set(
        wanted
          .map(value => column.codeOf.get(value))
          .filter((code): code is number => code !== undefined),
      ),
    ];
    const postings = codes.map(code => column.postings[code]);
    const chosen = new Set(codes);
    return {
      field,
      codes,
      size: postings.reduce((sum, p) => sum + p.length, 0),
      ids: () =>
        postings.length === 1
          ? postings[0]
          : postings.flatMap(p => Array.from(p)),
      has: id => chosen.has(column.codes[id]),
    };
  }

  /**
   * How many hostnames have each pair of values of two facet fields, built on first use: the
   * facets of a field whose only other filter is one facet field are then read, not counted.
   */
  private crossCounts(
    by: HostnameFacetField,
    of: HostnameFacetField,
  ): Int32Array | undefined {
    const key = `${by}|${of}`;
    if (!this.crossed.has(key)) {
      const a = this.columns[by];
      const b = this.columns[of];
      const width = b.values.length;
      // Past this many cells a cross table costs more memory than counting saves.
      if (a.values.length * width > 1 << 20) {
        this.crossed.set(key, undefined);
      } else {
        const counts = new Int32Array(a.values.length * width);
        for (let id = 0; id < this.size; id++) {
          if (a.codes[id] >= 0 && b.codes[id] >= 0) {
            counts[a.codes[id] * width + b.codes[id]]++;
          }
        }
        this.crossed.set(key, counts);
      }
    }
    return this.crossed.get(key);
  }

  /** Certificates whose notAfter is at most `days` away: a prefix of the expiry order. */
  private expirySet(days: number, now: Date): IdSet {
    const limit = now.getTime() + days * DAY_MS;
    const order = this.orders.expiry;
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.expiry[order[mid]] <= limit) low = mid + 1;
      else high = mid;
    }
    const end = low;
    const rank = this.ranks.expiry;
    return {
      size: end,
      ids: () => order.subarray(0, end),
      has: id => rank[id] < end,
    };
  }

  /**
   * Hostnames whose hostname, tenant, owner, entity or route contains `search` (any case).
   * Terms of 3 characters or more read the trigram lists, so only candidates are checked;
   * shorter ones, which match most hostnames anyway, are checked against every hostname.
   */
  private searchSet(search: string): IdSet {
    const term = lower(search);
    const matches = (id: number) => this.texts[id].includes(term);
    if (term.includes(SEPARATOR)) {
      return { size: 0, ids: () => [], has: () => false };
    }
    let candidates: Iterable<number>;
    if (term.length < 3) {
      candidates = this.orders.hostname;
    } else {
      const lists = [...new Set(trigramsOf(term))].map(
        t => this.trigramIndex().get(t) ?? new Int32Array(0),
      );
      lists.sort((a, b) => a.length - b.length);
      candidates = lists[0];
    }
    const found: number[] = [];
    for (const id of candidates) if (matches(id)) found.push(id);
    const members = new Set(found);
    return { size: found.length, ids: () => found, has: id => members.has(id) };
  }

  private trigramIndex(): Map<number, Int32Array> {
    if (!this.trigrams) {
      const lists = new Map<number, number[]>();
      for (let id = 0; id < this.size; id++) {
        for (const t of trigramsOf(this.texts[id])) {
          const list = lists.get(t);
          if (!list) lists.set(t, [id]);
          else if (list[list.length - 1] !== id) list.push(id);
        }
      }
      this.trigrams = new Map(
        [...lists].map(([t, list]) => [t, Int32Array.from(list)]),
      );
    }
    return this.trigrams;
  }

  /** The smallest set drives; every other one only answers membership. */
  private intersect(sets: IdSet[]): IdSet {
    if (sets.length === 0) {
      const n = this.size;
      return {
        size: n,
        ids: () => this.orders.hostname,
        has: id => id >= 0 && id < n,
      };
    }
    if (sets.length === 1) return sets[0];
    const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
    const found: number[] = [];
    for (const id of smallest.ids()) {
      if (rest.every(s => s.has(id))) found.push(id);
    }
    const members = new Set(found);
    return { size: found.length, ids: () => found, has: id => members.has(id) };
  }
}

/** Each id's position in `order`. */
function rankOf(order: Int32Array): Int32Array {
  const rank = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) rank[order[i]] = i;
  return rank;
}

/** The code of `value` in `column`, added (and `added` called) when it is new. */
function codeFor(
  column: FacetColumn,
  value: string | undefined,
  added: () => void,
): number {
  if (value === undefined || value === '') return -1;
  let code = column.codeOf.get(value);
  if (code === undefined) {
    code = column.values.length;
    column.codeOf.set(value, code);
    column.values.push(value);
    column.postings.push(new Int32Array(0));
    added();
  }
  return code;
}

/** An ascending id list without `left` and with `joined` (ids it did not hold). */
function mergedPosting(
  list: Int32Array,
  left: ReadonlySet<number> = new Set(),
  joined: readonly number[] = [],
): Int32Array {
  const adding = Int32Array.from(joined).sort();
  const out = new Int32Array(list.length - left.size + adding.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < list.length || j < adding.length) {
    if (j >= adding.length || (i < list.length && list[i] < adding[j])) {
      const id = list[i++];
      if (!left.has(id)) out[k++] = id;
    } else out[k++] = adding[j++];
  }
  return out;
}

/** Each run of three UTF-16 units as one number; none spans a field separator. */
function* trigramsOf(text: string): Generator<number> {
  for (let i = 0; i + 3 <= text.length; i++) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    if (a === 0 || b === 0 || c === 0) continue;
    yield a * 4294967296 + b * 65536 + c;
  }
}
