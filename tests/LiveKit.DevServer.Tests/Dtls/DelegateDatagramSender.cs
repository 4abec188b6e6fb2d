using LiveKit.DevServer.Dtls;

namespace LiveKit.DevServer.Tests.Dtls;

/// <summary>Hand-written fake: an <see cref="IDatagramSender"/> whose behaviour is a callback.</summary>
internal sealed class DelegateDatagramSender : IDatagramSender
{
    private long _sent;

    public Action<ReadOnlySpan<byte>>? OnSend { get; set; }

    public long Sent => Interlocked.Read(ref _sent);

    public void Send(ReadOnlySpan<byte> datagram)
    {
        Interlocked.Increment(ref _sent);
        OnSend?.Invoke(datagram);
    }
}
