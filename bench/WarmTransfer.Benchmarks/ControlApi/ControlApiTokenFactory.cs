using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.LiveKit;
using WarmTransfer.ControlApi.Tokens;

namespace WarmTransfer.Benchmarks.ControlApi;

/// <summary>The control API's token factory with the development LiveKit credentials and default TTLs.</summary>
internal static class ControlApiTokenFactory
{
    public static RoomTokenFactory Create() => new(
        Options.Create(new LiveKitOptions { Url = "ws://127.0.0.1:7880", ApiKey = "devkey", ApiSecret = "secret" }),
        Options.Create(new TokenOptions()));
}
