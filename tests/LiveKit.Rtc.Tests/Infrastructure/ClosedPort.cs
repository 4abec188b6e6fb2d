using System.Net;
using System.Net.Sockets;

namespace LiveKit.Rtc.Tests.Infrastructure;

public static class ClosedPort
{
    /// <summary>A loopback port nothing listens on (bound once, then released).</summary>
    public static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
