import { GATEWAY_API_ANNOTATIONS } from '../annotations';
import { CORPUS } from './__corpus__/cases';
import { CorpusCase, PREFIX, corpusInput } from './__corpus__/corpus';
import { translateIngress } from './translate';
import { IngressTranslation } from './types';

function annotationKey(c: CorpusCase, name: string) {
  return name.includes('/') ? name : `${c.annotationPrefix ?? PREFIX}/${name}`;
}

function ids(list: Array<{ id: string }>): string[] {
  return list.map(d => d.id).sort();
}

function blockingOf(result: IngressTranslation): string[] {
  return result.status === 'blocked' ? ids(result.blocking) : [];
}

function objectsOf(result: IngressTranslation) {
  return result.status === 'translated' ? result.objects : [];
}

/** The translation as the user first sees it, and once every acceptable difference is accepted. */
function run(c: CorpusCase) {
  const first = translateIngress(corpusInput(c));
  const acceptable = first.report.differences
    .filter(d => d.acceptable)
    .map(d => d.id);
  return {
    first,
    acceptable,
    second: translateIngress(corpusInput(c, acceptable)),
  };
}

const named = (cases: CorpusCase[]) => cases.map(c => [c.name, c] as const);
const refused = CORPUS.filter(c => c.expect.refused);
const translatable = CORPUS.filter(c => !c.expect.refused);
const withObjects = translatable.filter(c => c.expect.objects);

describe('the ingress-nginx documentation corpus', () => {
  it('has at least 40 cases with distinct names', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CORPUS.map(c => c.name)).size).toBe(CORPUS.length);
  });

  describe('names every difference, and blocks on the blocking ones', () => {
    it.each(named(CORPUS))('%s', (_, c) => {
      const { first } = run(c);
      expect(ids(first.report.differences)).toEqual(
        [...c.expect.differences].sort(),
      );
      const blocking = ids(
        first.report.differences.filter(d => d.severity === 'blocking'),
      );
      expect(first.status).toBe(blocking.length ? 'blocked' : 'translated');
      expect(blockingOf(first)).toEqual(blocking);
      expect(objectsOf(first).length > 0).toBe(blocking.length === 0);
    });
  });

  describe('reports every annotation once, with the expected outcome', () => {
    it.each(named(CORPUS))('%s', (_, c) => {
      const own = run(c).first.report.annotations.filter(
        a => a.ingress === undefined,
      );
      expect(own.map(a => a.annotation).sort()).toEqual(
        Object.keys(c.ingress.metadata?.annotations ?? {}).sort(),
      );
      const expected = Object.fromEntries(
        Object.entries(c.expect.annotations ?? {}).map(([name, outcome]) => [
          annotationKey(c, name),
          outcome,
        ]),
      );
      expect(
        Object.fromEntries(
          own
            .filter(a => a.annotation in expected)
            .map(a => [a.annotation, a.outcome]),
        ),
      ).toEqual(expected);
    });
  });

  describe('stays blocked on what cannot be accepted', () => {
    it.each(named(refused))('%s', (_, c) => {
      const { second } = run(c);
      expect(second.status).toBe('blocked');
      expect(blockingOf(second)).toEqual([...c.expect.refused!].sort());
      expect(objectsOf(second)).toEqual([]);
    });
  });

  describe('translates once the differences are accepted', () => {
    it.each(named(translatable))('%s', (_, c) => {
      const { second, acceptable } = run(c);
      expect(second.status).toBe('translated');
      const objects = objectsOf(second);
      const ref = `${c.ingress.metadata?.namespace}/${c.ingress.metadata?.name}`;
      expect(
        objects.map(
          o => o.metadata.annotations?.[GATEWAY_API_ANNOTATIONS.migratedFrom],
        ),
      ).toEqual(objects.map(() => ref));
      const routes = objects.filter(o => o.kind === 'HTTPRoute');
      expect(
        routes.map(o =>
          JSON.parse(
            o.metadata.annotations?.[
              GATEWAY_API_ANNOTATIONS.acceptedDifferences
            ] ?? '[]',
          ),
        ),
      ).toEqual(routes.map(() => acceptable));
    });
  });

  describe('writes the expected objects', () => {
    it.each(named(withObjects))('%s', (_, c) => {
      const objects = objectsOf(run(c).second);
      const byKey = Object.fromEntries(
        objects.map(o => [`${o.kind}/${o.metadata.name}`, o]),
      );
      expect(Object.keys(byKey).sort()).toEqual(
        Object.keys(c.expect.objects!).sort(),
      );
      expect(byKey).toMatchObject(c.expect.objects!);
    });
  });
});
