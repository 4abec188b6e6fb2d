using LiveKit.DevServer.DataChannels;
using LiveKit.DevServer.Dtls;
using LiveKit.DevServer.Sctp;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Transport;

/// <summary>
/// Data channels: an SCTP association over our DTLS association (RFC 8261) with DCEP on top (RFC 8832), set up
/// when a description with an accepted m=application section is applied. Channels we add before that are opened
/// once the association is up; the peer's channels are announced by <see cref="DataChannelAdded"/>.
/// </summary>
internal sealed partial class PeerConnection
{
    private readonly List<DataChannelOptions> _requestedChannels = [];
    private readonly CancellationTokenSource _dataChannelStop = new();
    private DataChannelTransport? _dataChannels;
    private Task _dataChannelStartup = Task.CompletedTask;
    private long _applicationRecordsReceived;

    /// <summary>
    /// A data channel exists: one we asked for with <see cref="AddDataChannel"/> (raised when created, before it is
    /// open), or one the peer opened. Raised on the SCTP dispatch thread or the caller's; attach
    /// <see cref="DataChannel.MessageReceived"/> here.
    /// </summary>
    public event Action<PeerConnection, DataChannel>? DataChannelAdded;

    /// <summary>DTLS application records (SCTP packets) received.</summary>
    public long ApplicationRecordsReceived => Interlocked.Read(ref _applicationRecordsReceived);

    /// <summary>The SCTP association and channel manager; null until a data section was negotiated.</summary>
    internal DataChannelTransport? DataChannelTransport => Volatile.Read(ref _dataChannels);

    /// <summary>All channels, ours and the peer's, open or opening.</summary>
    public IReadOnlyList<DataChannel> DataChannels => DataChannelTransport?.Channels.Channels ?? [];

    /// <summary>The first channel labelled <paramref name="label"/> (LiveKit: "_reliable", "_lossy"), or null.</summary>
    public DataChannel? FindDataChannel(string label) => DataChannels.FirstOrDefault(c => c.Label == label);

    /// <summary>
    /// Asks for a channel opened by us (LiveKit's server opens <c>_reliable</c> and <c>_lossy</c> on the subscriber
    /// connection). Created as soon as the SCTP transport exists, announced by <see cref="DataChannelAdded"/>.
    /// </summary>
    public void AddDataChannel(DataChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        DataChannelTransport? transport;
        lock (_requestedChannels)
        {
            transport = DataChannelTransport;
            if (transport is null)
            {
                _requestedChannels.Add(options);
                return;
            }
        }

        CreateLocalChannel(transport, options);
    }

    private void OnDtlsApplicationData(ReadOnlySpan<byte> data) => Interlocked.Increment(ref _applicationRecordsReceived);

    /// <summary>Called with the DTLS connection before it starts, when the negotiation accepted a data section.</summary>
    private void CreateDataChannels(DtlsConnection dtls)
    {
        var sctp = new SctpOptions();
        var transport = new DataChannelTransport(dtls, sctp, TimeProvider, _transport.LoggerFactory.CreateLogger<DataChannelTransport>());
        transport.Channels.RemoteChannelOpened += channel => RaiseDataChannelAdded(channel);
        List<DataChannelOptions> requested;
        lock (_requestedChannels)
        {
            Volatile.Write(ref _dataChannels, transport);
            requested = [.. _requestedChannels];
            _requestedChannels.Clear();
        }

        foreach (var options in requested)
        {
            CreateLocalChannel(transport, options);
        }

        _dataChannelStartup = StartDataChannelsAsync(transport);
    }

    private async Task StartDataChannelsAsync(DataChannelTransport transport)
    {
        try
        {
            await transport.StartAsync(_dataChannelStop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DtlsHandshakeException or InvalidOperationException)
        {
            // DTLS failure is reported by the DTLS observer; a close cancels the wait.
        }
    }

    private void CreateLocalChannel(DataChannelTransport transport, DataChannelOptions options)
    {
        DataChannel channel;
        try
        {
            channel = transport.Channels.CreateChannel(options);
        }
        catch (InvalidOperationException)
        {
            return; // the association already closed
        }

        RaiseDataChannelAdded(channel);
    }

    private void RaiseDataChannelAdded(DataChannel channel)
    {
        try
        {
            DataChannelAdded?.Invoke(this, channel);
        }
#pragma warning disable CA1031 // The owner's fault must not break the SCTP dispatch thread.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            MediaTransportLog.CallbackFault(_logger, Id, ex);
        }
    }

    private async Task CloseDataChannelsAsync()
    {
        await _dataChannelStop.CancelAsync().ConfigureAwait(false);
        await _dataChannelStartup.ConfigureAwait(false);
        DataChannelTransport?.Dispose();
        _dataChannelStop.Dispose();
    }
}
