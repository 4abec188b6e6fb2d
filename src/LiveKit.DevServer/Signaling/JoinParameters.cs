using System.Globalization;
using LiveKit.Proto;
using Microsoft.AspNetCore.Http;

namespace LiveKit.DevServer.Signaling;

/// <summary>
/// The query parameters of a v0 <c>/rtc</c> connect (srv:service/rtcservice.go; lkc:api/SignalClient.ts;
/// rs:signal_client/mod.rs): subscription mode, resume, and the client's description of itself.
/// </summary>
internal sealed record JoinParameters
{
    public bool AutoSubscribe { get; init; } = true;

    public bool Reconnect { get; init; }

    public string ParticipantSid { get; init; } = string.Empty;

    public ReconnectReason ReconnectReason { get; init; }

    public required ClientInfo Client { get; init; }

    public static JoinParameters Parse(HttpRequest request)
    {
        var q = request.Query;
        var client = new ClientInfo
        {
            Sdk = ParseSdk(q["sdk"]),
            Version = q["version"].ToString(),
            Protocol = ParseInt(q["protocol"]),
            ClientProtocol = ParseInt(q["client_protocol"]),
            Os = q["os"].ToString(),
            OsVersion = q["os_version"].ToString(),
            DeviceModel = q["device_model"].ToString(),
            Browser = q["browser"].ToString(),
            BrowserVersion = q["browser_version"].ToString(),
            Network = q["network"].ToString(),
            Address = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
        };
        foreach (var capability in q["capabilities"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TryParseCapability(capability, out var parsed))
            {
                client.Capabilities.Add(parsed);
            }
        }

        return new JoinParameters
        {
            AutoSubscribe = q["auto_subscribe"].Count == 0 || ParseBool(q["auto_subscribe"]),
            Reconnect = ParseBool(q["reconnect"]),
            ParticipantSid = q["sid"].ToString(),
            ReconnectReason = (ReconnectReason)ParseInt(q["reconnect_reason"]),
            Client = client,
        };
    }

    private static bool ParseBool(string? value) => value is "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static int ParseInt(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static ClientInfo.Types.SDK ParseSdk(string? value) => value?.ToUpperInvariant() switch
    {
        "JS" => ClientInfo.Types.SDK.Js,
        "SWIFT" => ClientInfo.Types.SDK.Swift,
        "ANDROID" => ClientInfo.Types.SDK.Android,
        "FLUTTER" => ClientInfo.Types.SDK.Flutter,
        "GO" => ClientInfo.Types.SDK.Go,
        "UNITY" => ClientInfo.Types.SDK.Unity,
        "REACTNATIVE" or "REACT_NATIVE" => ClientInfo.Types.SDK.ReactNative,
        "RUST" => ClientInfo.Types.SDK.Rust,
        "PYTHON" => ClientInfo.Types.SDK.Python,
        "CPP" => ClientInfo.Types.SDK.Cpp,
        "UNITYWEB" or "UNITY_WEB" => ClientInfo.Types.SDK.UnityWeb,
        "NODE" => ClientInfo.Types.SDK.Node,
        "UNREAL" => ClientInfo.Types.SDK.Unreal,
        "ESP32" => ClientInfo.Types.SDK.Esp32,
        "DOTNET" => ClientInfo.Types.SDK.Dotnet,
        _ => ClientInfo.Types.SDK.Unknown,
    };

    // The wire names are CAP_PACKET_TRAILER etc. (the generated C# names differ), or numbers.
    private static bool TryParseCapability(string name, out ClientInfo.Types.Capability capability)
    {
        if (int.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            capability = (ClientInfo.Types.Capability)number;
            return true;
        }

        foreach (var value in ClientInfo.Descriptor.EnumTypes.Single(e => e.Name == "Capability").Values)
        {
            if (string.Equals(value.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                capability = (ClientInfo.Types.Capability)value.Number;
                return true;
            }
        }

        capability = default;
        return false;
    }
}
