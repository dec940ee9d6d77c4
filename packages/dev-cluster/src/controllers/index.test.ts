import { startControllers } from './index';

const base = { url: 'http://127.0.0.1:1', token: 't' };

describe('startControllers', () => {
  it.each([
    [
      { gatewayApi: { addressPool: ['not-an-ip'] } },
      /Invalid address pool entry/,
    ],
    [
      { certManager: { certificateLifetime: '90 days' } },
      /certManager.certificateLifetime/,
    ],
    [{ ingressNginx: { address: 'not an address' } }, /ingressNginx.address/],
    [{ ingressNginx: { address: '' } }, /ingressNginx.address/],
  ])('rejects invalid options %j', async (options, message) => {
    await expect(startControllers({ ...base, ...options })).rejects.toThrow(
      message,
    );
  });

  it('starts nothing when every controller is disabled', async () => {
    const fetchSpy = jest.spyOn(global, 'fetch');
    const running = await startControllers({
      ...base,
      gatewayApi: { enabled: false },
      certManager: { enabled: false },
      ingressNginx: { enabled: false },
    });
    await running.stop();
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it('reports an unreachable API through the logger and stops cleanly', async () => {
    const warn = jest.fn();
    const running = await startControllers({
      ...base,
      retryDelayMs: 10,
      certManager: { enabled: false },
      logger: { warn },
    });
    await new Promise(resolve => setTimeout(resolve, 100));
    await running.stop();
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^Watching gatewayclasses failed/),
    );
  });
});
