using System.Buffers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace LiveKit.DevServer.Dtls;

/// <summary>The dedicated worker: blocking handshake, then the application-data receive loop.</summary>
internal sealed partial class DtlsConnection
{
    private void RunWorker()
    {
        Org.BouncyCastle.Tls.DtlsTransport dtls;
        try
        {
            var crypto = new BcTlsCrypto(new SecureRandom());
            dtls = Role == DtlsRole.Server
                ? new DtlsServerProtocol().Accept(new DtlsServerPeer(crypto, _certificate, _outcome, _logger), _transport)
                : new DtlsClientProtocol().Connect(new DtlsClientPeer(crypto, _certificate, _outcome, _logger), _transport);
        }
#pragma warning disable CA1031 // Every handshake failure becomes a faulted Handshake task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _transport.ReleaseEngineFromWorker();
            FailHandshake(ClassifyFailure(ex), "The DTLS handshake failed.", ex);
            return;
        }
        finally
        {
            _transport.ReleaseEngineFromWorker();
        }

        if (!_outcome.RemoteVerified)
        {
            // Fail closed: never treat an unauthenticated peer as connected (RFC 8827 §6.5).
            FailHandshake(DtlsHandshakeFailure.FingerprintMismatch, "The peer's certificate was never verified.", null);
            return;
        }

        bool connected;
        lock (_gate)
        {
            _handshakeTimer?.Dispose();
            connected = _state == DtlsState.Handshaking;
            if (connected)
            {
                _dtls = dtls;
                _state = DtlsState.Connected;
            }
        }

        if (!connected)
        {
            // Timed out or closed just as the handshake finished; the Handshake task is already faulted.
            _transport.Close();
            return;
        }

        var result = new DtlsHandshakeResult(Role, _outcome.CipherSuite, _outcome.ExpectedRemoteFingerprint, _outcome.Keys);
        DtlsLog.HandshakeCompleted(_logger, Role, result.CipherSuite, result.Srtp?.Profile);
        RaiseStateChanged(DtlsState.Connected);
        _handshake.TrySetResult(result);
        ReceiveLoop(dtls);
    }

    private void ReceiveLoop(Org.BouncyCastle.Tls.DtlsTransport dtls)
    {
        int limit = dtls.GetReceiveLimit();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(limit);
        try
        {
            while (true)
            {
                int received;
                try
                {
                    // Zero waits without limit: the queue wakes us with an exception when the connection closes.
                    received = dtls.Receive(buffer, 0, limit, 0);
                }
#pragma warning disable CA1031 // Any receive failure ends the connection; the state says how.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _transport.ReleaseEngineFromWorker();
                    EndConnection(ex);
                    return;
                }

                _transport.ReleaseEngineFromWorker();
                if (received < 0)
                {
                    if (_transport.IsClosed)
                    {
                        EndConnection(null);
                        return;
                    }

                    continue;
                }

                Counters.OnApplicationRecordReceived();
                try
                {
                    ApplicationDataReceived?.Invoke(buffer.AsSpan(0, received));
                }
#pragma warning disable CA1031 // An upper layer's fault must not kill the DTLS worker.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    DtlsLog.HandlerFailed(_logger, Role, ex);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void OnHandshakeTimeout()
    {
        lock (_gate)
        {
            if (_state != DtlsState.Handshaking)
            {
                return;
            }

            _timedOut = true;
        }

        // Completing the queue makes BouncyCastle's blocking receive throw, so the worker ends promptly too.
        _transport.Close();
        FailHandshake(DtlsHandshakeFailure.TimedOut,
            $"The DTLS handshake did not complete within {_options.HandshakeTimeout}.", null);
    }

    /// <summary>Idempotent: only the first call while handshaking fails the connection.</summary>
    private void FailHandshake(DtlsHandshakeFailure failure, string message, Exception? exception)
    {
        lock (_gate)
        {
            if (_state is not (DtlsState.Handshaking or DtlsState.New))
            {
                return;
            }

            _state = DtlsState.Failed;
            _handshakeTimer?.Dispose();
        }

        _transport.Close();
        DtlsLog.HandshakeFailed(_logger, Role, failure, exception);
        _handshake.TrySetException(new DtlsHandshakeException(failure, $"{message} ({failure})", exception));
        RaiseStateChanged(DtlsState.Failed);
    }

    /// <summary>Moves a connected connection to Closed (clean close) or Failed; idempotent.</summary>
    private void EndConnection(Exception? exception)
    {
        DtlsState final;
        lock (_gate)
        {
            if (_state != DtlsState.Connected)
            {
                return;
            }

            bool clean = exception is not TlsFatalAlertReceived
                && (_closeRequested || _outcome.CloseNotifyReceived);
            final = clean ? DtlsState.Closed : DtlsState.Failed;
            _state = final;
        }

        _transport.Close();
        DtlsLog.ConnectionEnded(_logger, Role, final, final == DtlsState.Failed ? exception : null);
        RaiseStateChanged(final);
    }

    private DtlsHandshakeFailure ClassifyFailure(Exception exception)
    {
        lock (_gate)
        {
            if (_timedOut)
            {
                return DtlsHandshakeFailure.TimedOut;
            }

            if (_closeRequested)
            {
                return DtlsHandshakeFailure.Closed;
            }
        }

        if (_outcome.Failure is DtlsHandshakeFailure failure)
        {
            return failure;
        }

        return exception is TlsFatalAlertReceived ? DtlsHandshakeFailure.AlertReceived : DtlsHandshakeFailure.ProtocolError;
    }
}
