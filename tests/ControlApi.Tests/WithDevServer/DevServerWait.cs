namespace WarmTransfer.ControlApi.Tests.WithDevServer;

/// <summary>Polls the dev server's state (Twirp reads) until a condition holds: its API has no change feed to await.</summary>
public static class DevServerWait
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(RtcParticipant.Patience);
        T value = await read();
        while (!condition(value))
        {
            try
            {
                await Task.Delay(100, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the dev server never reported {what}; last: {value}");
            }

            value = await read();
        }

        return value;
    }
}
