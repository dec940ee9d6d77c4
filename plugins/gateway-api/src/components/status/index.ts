export { StatusText } from './StatusText';
export { TlsStateText, TLS_STATES, formatExpiry } from './TlsText';
export { HintText } from './HintText';
