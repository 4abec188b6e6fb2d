using System.Diagnostics.Metrics;

namespace LiveKit.DevServer;

/// <summary>Counters of the dev server (meter <c>LiveKit.DevServer</c>): refused input, dropped events.</summary>
internal sealed class DevServerMetrics : IDisposable
{
    public const string MeterName = "LiveKit.DevServer";

    private readonly Meter _meter;
    private readonly Counter<long> _rejectedSignalMessages;
    private readonly Counter<long> _rejectedConnections;
    private readonly Counter<long> _rejectedDataPackets;
    private readonly Counter<long> _twirpErrors;
    private readonly Counter<long> _droppedWebhooks;
    private readonly Counter<long> _failedWebhooks;
    private readonly Counter<long> _pongs;

    public DevServerMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _rejectedSignalMessages = _meter.CreateCounter<long>("livekit.devserver.signal.rejected_messages", description: "Client signalling messages refused (malformed, oversized, unknown type, text)");
        _rejectedConnections = _meter.CreateCounter<long>("livekit.devserver.signal.rejected_connections", description: "Signalling and worker connections refused before upgrade");
        _rejectedDataPackets = _meter.CreateCounter<long>("livekit.devserver.data.rejected_packets", description: "Data packets not relayed (too large, malformed, not allowed)");
        _twirpErrors = _meter.CreateCounter<long>("livekit.devserver.twirp.errors", description: "Twirp calls answered with an error");
        _droppedWebhooks = _meter.CreateCounter<long>("livekit.devserver.webhooks.dropped", description: "Webhook events dropped because the queue was full");
        _pongs = _meter.CreateCounter<long>("livekit.devserver.signal.pongs", description: "Pongs sent to clients' pings, by client SDK");
        _failedWebhooks = _meter.CreateCounter<long>("livekit.devserver.webhooks.failed", description: "Webhook events given up after every attempt failed");
    }

    public void SignalMessageRejected(string reason) => _rejectedSignalMessages.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ConnectionRejected(string endpoint, int status) =>
        _rejectedConnections.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("status", status));

    public void DataPacketRejected(string reason) => _rejectedDataPackets.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void TwirpError(string code) => _twirpErrors.Add(1, new KeyValuePair<string, object?>("code", code));

    public void PongSent(string sdk) => _pongs.Add(1, new KeyValuePair<string, object?>("sdk", sdk));

    public void WebhookDropped() => _droppedWebhooks.Add(1);

    public void WebhookFailed() => _failedWebhooks.Add(1);

    public void Dispose() => _meter.Dispose();
}
