namespace LiveKit.DevServer.Dtls;

/// <summary>Per-connection DTLS counters; incremented from several threads, readable at any time.</summary>
internal sealed class DtlsCounters
{
    private long _datagramsReceived;
    private long _datagramsSent;
    private long _malformedDatagramsDropped;
    private long _queueOverflowDatagramsDropped;
    private long _datagramsDroppedAfterClose;
    private long _applicationRecordsReceived;
    private long _applicationRecordsSent;
    private long _applicationSendFailures;

    /// <summary>Datagrams handed to <see cref="DtlsConnection.ReceiveDatagram"/>.</summary>
    public long DatagramsReceived => Volatile.Read(ref _datagramsReceived);

    /// <summary>Datagrams passed to the transport's <see cref="IDatagramSender"/>.</summary>
    public long DatagramsSent => Volatile.Read(ref _datagramsSent);

    /// <summary>Datagrams that were not a sequence of well-formed DTLS records (RFC 6347 §4.1).</summary>
    public long MalformedDatagramsDropped => Volatile.Read(ref _malformedDatagramsDropped);

    /// <summary>Datagrams dropped because the worker fell behind (receive queue full).</summary>
    public long QueueOverflowDatagramsDropped => Volatile.Read(ref _queueOverflowDatagramsDropped);

    /// <summary>Datagrams that arrived after the connection closed or failed.</summary>
    public long DatagramsDroppedAfterClose => Volatile.Read(ref _datagramsDroppedAfterClose);

    /// <summary>Decrypted application-data records delivered upwards.</summary>
    public long ApplicationRecordsReceived => Volatile.Read(ref _applicationRecordsReceived);

    /// <summary>Application-data records sent.</summary>
    public long ApplicationRecordsSent => Volatile.Read(ref _applicationRecordsSent);

    /// <summary>Application-data sends refused (not connected, closed, or the record layer failed).</summary>
    public long ApplicationSendFailures => Volatile.Read(ref _applicationSendFailures);

    internal void OnDatagramReceived() => Interlocked.Increment(ref _datagramsReceived);

    internal void OnDatagramSent() => Interlocked.Increment(ref _datagramsSent);

    internal void OnMalformedDatagram() => Interlocked.Increment(ref _malformedDatagramsDropped);

    internal void OnQueueOverflow() => Interlocked.Increment(ref _queueOverflowDatagramsDropped);

    internal void OnDroppedAfterClose() => Interlocked.Increment(ref _datagramsDroppedAfterClose);

    internal void OnApplicationRecordReceived() => Interlocked.Increment(ref _applicationRecordsReceived);

    internal void OnApplicationRecordSent() => Interlocked.Increment(ref _applicationRecordsSent);

    internal void OnApplicationSendFailure() => Interlocked.Increment(ref _applicationSendFailures);
}
