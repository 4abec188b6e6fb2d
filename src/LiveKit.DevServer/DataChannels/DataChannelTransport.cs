using LiveKit.DevServer.Dtls;
using LiveKit.DevServer.Sctp;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.DataChannels;

/// <summary>
/// The data-channel stack of one peer connection: an <see cref="SctpAssociation"/> over a
/// <see cref="DtlsConnection"/> (RFC 8261) and the <see cref="DataChannelManager"/> on top.
/// </summary>
/// <remarks>
/// Construct before <see cref="DtlsConnection.Start"/> so no SCTP packet arriving right after the handshake is
/// missed, then call <see cref="StartAsync"/>. Once DTLS is up both sides send INIT, as browsers do; the SCTP layer
/// resolves the collision (RFC 4960 §5.2). The default <see cref="SctpOptions.MaxPacketSize"/> (1100) fits one
/// DTLS record in a 1200-byte datagram with every cipher suite we negotiate.
/// </remarks>
internal sealed class DataChannelTransport : IDisposable
{
    private readonly DtlsConnection _dtls;

    public DataChannelTransport(DtlsConnection dtls, SctpOptions sctpOptions, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(dtls);
        _dtls = dtls;
        Association = new SctpAssociation(sctpOptions, dtls, timeProvider, logger);
        Channels = new DataChannelManager(Association, dtls.Role, logger);
        dtls.ApplicationDataReceived += Association.HandlePacket;
        dtls.StateChanged += OnDtlsStateChanged;
    }

    public SctpAssociation Association { get; }

    public DataChannelManager Channels { get; }

    /// <summary>Waits for the DTLS handshake, starts the association, and completes when it is established.</summary>
    /// <returns>False if the association closed before being established.</returns>
    public async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        DtlsHandshakeResult handshake = await _dtls.Handshake.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_dtls.MaxApplicationDataSize < Association.MaxPacketSize)
        {
            throw new InvalidOperationException(
                $"{nameof(SctpOptions)}.{nameof(SctpOptions.MaxPacketSize)} ({Association.MaxPacketSize}) exceeds the DTLS record limit ({_dtls.MaxApplicationDataSize}) of cipher suite 0x{handshake.CipherSuite:X4}.");
        }

        if (Association.State == SctpAssociationState.Closed && !Association.WhenEstablished.IsCompleted)
        {
            try
            {
                Association.Connect();
            }
            catch (InvalidOperationException)
            {
                // The peer's INIT got there first and the association is already being set up.
            }
        }

        return await Association.WhenEstablished.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _dtls.ApplicationDataReceived -= Association.HandlePacket;
        _dtls.StateChanged -= OnDtlsStateChanged;
        Channels.Dispose();
        Association.Dispose();
    }

    /// <summary>When DTLS ends, SCTP over it is gone too (RFC 8261 §6): close the association and its channels.</summary>
    private void OnDtlsStateChanged(DtlsConnection connection, DtlsState state)
    {
        if (state is DtlsState.Closed or DtlsState.Failed)
        {
            Association.Abort("DTLS connection ended");
        }
    }
}
