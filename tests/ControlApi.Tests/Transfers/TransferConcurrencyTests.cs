using System.Net;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Transfers;

public sealed class TransferConcurrencyTests
{
    [Fact]
    public async Task AcceptAndCancelRace_ExactlyOneWinsEveryTime()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);

        for (var round = 0; round < 8; round++)
        {
            var call = await CallScenario.StartAsync(api, liveKit);
            var id = (await call.StartTransferAsync()).Str("id");

            var accept = call.Bob.PostAsync($"/api/transfers/{id}/accept");
            var cancel = call.Alice.PostAsync($"/api/transfers/{id}/cancel");
            var (acceptStatus, _, _) = await accept;
            var (cancelStatus, _, _) = await cancel;

            var winners = new[] { acceptStatus, cancelStatus }.Count(s => s == HttpStatusCode.OK);
            Assert.True(winners == 1, $"round {round}: accept {(int)acceptStatus}, cancel {(int)cancelStatus}");
            Assert.Contains(HttpStatusCode.Conflict, new[] { acceptStatus, cancelStatus });
            var stored = await call.GetTransferAsync(id);
            Assert.Equal(acceptStatus == HttpStatusCode.OK ? "Accepted" : "Cancelled", stored.Str("state"));
            Assert.Equal(3, stored.GetProperty("history").GetArrayLength());
        }
    }
}
