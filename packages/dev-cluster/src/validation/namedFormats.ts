/**
 * The named formats of the Kubernetes CEL `format` library (`format.dns1123Label()` etc.):
 * each returns the apimachinery validation messages, empty when the value is valid.
 */

const maxLen = (n: number) => `must be no more than ${n} characters`;

function regexError(msg: string, re: string, ...examples: string[]): string {
  const e = examples.map(x => `'${x}', `).join('or ');
  return `${msg} (e.g. ${e}regex used for validation is '${re}')`;
}

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelValueFmt = `(${qualifiedNameFmt})?`;
const whole = (fmt: string) => new RegExp(`^(?:${fmt})$`);

function dns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLen(253));
  if (!whole(dns1123SubdomainFmt).test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        dns1123SubdomainFmt,
        'example.com',
      ),
    );
  }
  return errs;
}

function dns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLen(63));
  if (!whole(dns1123LabelFmt).test(value)) {
    errs.push(
      whole(dns1123SubdomainFmt).test(value)
        ? 'must not contain dots'
        : regexError(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
            dns1123LabelFmt,
            'my-name',
            '123-abc',
          ),
    );
  }
  return errs;
}

function dns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLen(63));
  if (!whole(dns1035LabelFmt).test(value)) {
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        dns1035LabelFmt,
        'my-name',
        'abc-123',
      ),
    );
  }
  return errs;
}

const qualifiedNameMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

function qualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      `a qualified name ${regexError(
        qualifiedNameMsg,
        qualifiedNameFmt,
        'MyName',
        'my.name',
        '123-abc',
      )} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (!prefix) errs.push('prefix part must be non-empty');
    else errs.push(...dns1123Subdomain(prefix).map(m => `prefix part ${m}`));
  }
  if (!name) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`);
  if (!whole(qualifiedNameFmt).test(name)) {
    errs.push(
      `name part ${regexError(
        qualifiedNameMsg,
        qualifiedNameFmt,
        'MyName',
        'my.name',
        '123-abc',
      )}`,
    );
  }
  return errs;
}

function labelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLen(63));
  if (!whole(labelValueFmt).test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        labelValueFmt,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

/** A generateName prefix may end in '-': apimachinery checks it as if it ended in 'a'. */
const asPrefix =
  (validate: (s: string) => string[]) =>
  (value: string): string[] =>
    validate(value.endsWith('-') ? `${value.slice(0, -1)}a` : value);

/** Go's url.ParseRequestURI: an absolute URI or an absolute path, without a fragment. */
function uri(value: string): string[] {
  const ok =
    !value.includes('#') &&
    (value.startsWith('/') || /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(value));
  return ok ? [] : [`parse "${value}": invalid URI for request`];
}

const check =
  (re: RegExp, message: string) =>
  (value: string): string[] =>
    re.test(value) ? [] : [message];

export const namedFormats: Record<string, (value: string) => string[]> = {
  dns1123Label,
  dns1123Subdomain,
  dns1035Label,
  qualifiedName,
  dns1123LabelPrefix: asPrefix(dns1123Label),
  dns1123SubdomainPrefix: asPrefix(dns1123Subdomain),
  dns1035LabelPrefix: asPrefix(dns1035Label),
  labelValue,
  uri,
  uuid: check(
    /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
    'does not match the UUID format',
  ),
  byte: check(
    /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
    'invalid base64',
  ),
  date: check(/^\d{4}-\d{2}-\d{2}$/, 'invalid date'),
  datetime: check(
    /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
    'invalid datetime',
  ),
};
