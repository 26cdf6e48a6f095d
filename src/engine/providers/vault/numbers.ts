/**
 * Number text as Go writes it. Vault turns a float64 token claim into `json.Number(strconv.Itoa(int(v)))`
 * (claims.go getClaim), and prints values in errors with `%v`; both differ from JavaScript's
 * `String(n)` (`1e21`, `1.7e+09`).
 */

const INT64_MIN = -9223372036854775808;
const INT64_LIMIT = 9223372036854775808;
/** What `int(v)` yields on amd64 for a float64 outside the int64 range. */
const INT64_OVERFLOW_TEXT = '-9223372036854775808';

/** `strconv.Itoa(int(v))`: truncation toward zero, all digits, no exponent. */
export function goIntText(value: number): string {
  if (!Number.isFinite(value) || value < INT64_MIN || value >= INT64_LIMIT) return INT64_OVERFLOW_TEXT;
  const truncated = Math.trunc(value);
  return truncated === 0 ? '0' : BigInt(truncated).toString();
}

/**
 * Go's `%v` for a float64: the shortest digits that round-trip, in exponent form when the decimal
 * exponent is below -4 or at least 6 (strconv 'g' with precision -1), e.g. `1.70000029e+09`.
 */
export function goFloatText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-trip digits.
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  if (exponent < -4 || exponent >= 6) {
    const expSign = exponent < 0 ? '-' : '+';
    const expDigits = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${mantissa}e${expSign}${expDigits}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${intPart}${fraction ? `.${fraction}` : ''}`;
}

/** Go's `time.Duration.String()` for whole seconds: `768h0m0s`, `1m30s`, `5s`, `0s`. */
export function goDurationText(seconds: number): string {
  if (seconds === 0) return '0s';
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.abs(seconds);
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const secs = rest - minutes * 60;
  if (hours > 0) return `${sign}${hours}h${minutes}m${secs}s`;
  if (minutes > 0) return `${sign}${minutes}m${secs}s`;
  return `${sign}${secs}s`;
}
