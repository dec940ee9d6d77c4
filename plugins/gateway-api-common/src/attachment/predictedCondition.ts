/**
 * A condition the analysis predicts a controller will write, with the Gateway API's reason.
 *
 * @public
 */
export interface PredictedCondition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

/**
 * Options of the attachment analysis.
 *
 * @public
 */
export interface AttachmentOptions {
  /**
   * Whether the implementation supports TLSRoute on TLS listeners in Terminate mode (the
   * Gateway API's extended feature `TLSRouteModeTerminate`); only Passthrough is core.
   */
  tlsRouteModeTerminate?: boolean;
}
