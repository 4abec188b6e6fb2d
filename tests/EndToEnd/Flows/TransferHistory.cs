using System.Net.Http.Json;
using System.Text.Json;
using WarmTransfer.EndToEnd.Infrastructure;

namespace WarmTransfer.EndToEnd.Flows;

/// <summary>A transfer's recorded state history, read back from the control API as an agent would.</summary>
public static class TransferHistory
{
    /// <summary>The newest transfer <paramref name="agent"/> is part of.</summary>
    public static async Task<string> LatestIdAsync(LocalSystem system, string agent)
    {
        using var client = await system.LoginAsync(agent);
        var transfers = await client.GetFromJsonAsync<JsonElement>("/api/transfers?limit=1");
        Assert.Equal(1, transfers.GetArrayLength());
        return transfers[0].GetProperty("id").GetString()!;
    }

    /// <summary>Every transition of <paramref name="transferId"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<RecordedTransition>> ReadAsync(LocalSystem system, string agent, string transferId)
    {
        using var client = await system.LoginAsync(agent);
        var transfer = await client.GetFromJsonAsync<JsonElement>($"/api/transfers/{transferId}");
        return
        [
            .. transfer.GetProperty("history").EnumerateArray().Select(t => new RecordedTransition(
                t.GetProperty("to").GetString()!,
                t.GetProperty("actor").GetString()!,
                t.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null)),
        ];
    }

    /// <summary>
    /// Waits until the history of <paramref name="transferId"/> ends in <paramref name="finalState"/> (the page may
    /// show it a moment before a slow store read does), then returns it.
    /// </summary>
    public static async Task<IReadOnlyList<RecordedTransition>> ReadFinalAsync(LocalSystem system, string agent, string transferId, string finalState)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(TestTimeouts.PageMs));
        while (true)
        {
            var history = await ReadAsync(system, agent, transferId);
            if (history.Count > 0 && history[^1].State == finalState)
            {
                return history;
            }

            await Task.Delay(200, timeout.Token);
        }
    }
}
