namespace LiveKit.DevServer.Dtls;

/// <summary>Receives one decrypted application-data record. The span is only valid during the call.</summary>
internal delegate void DtlsApplicationDataHandler(ReadOnlySpan<byte> data);
