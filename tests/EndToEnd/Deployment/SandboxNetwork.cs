using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>
/// Stands in for the compose network on loopback: every (service, container port) gets a port on 127.0.0.1, and
/// addresses in settings are rewritten to it. <c>service:port</c> is that service's port; <c>0.0.0.0:port</c> and
/// <c>127.0.0.1:port</c> (also <c>/dev/tcp/127.0.0.1/port</c>) are the container's own port; <c>localhost:port</c> is
/// the Docker host, i.e. a port published with <c>ports:</c> (the URL handed to browsers). An address with no stand-in
/// fails: in the real deployment nothing would answer there either.
/// </summary>
public sealed partial class SandboxNetwork(ComposeFile compose)
{
    private readonly Dictionary<(string Service, int Port), int> _ports = [];

    /// <summary>Declares that <paramref name="service"/>'s <paramref name="containerPort"/> is served at 127.0.0.1:<paramref name="loopbackPort"/>.</summary>
    public void Map(string service, int containerPort, int loopbackPort) => _ports[(service, containerPort)] = loopbackPort;

    /// <summary>Declares <paramref name="service"/>'s <paramref name="containerPort"/> on a free loopback port, reserved now (bound to 0 and released).</summary>
    public int Reserve(string service, int containerPort)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Map(service, containerPort, port);
        return port;
    }

    public int PortOf(string service, int containerPort) =>
        _ports.TryGetValue((service, containerPort), out int port) ? port : throw new InvalidOperationException($"No stand-in for {service}:{containerPort}.");

    /// <summary><paramref name="value"/> with every address rewritten for a process of <paramref name="ownService"/>.</summary>
    public string Rewrite(string value, string ownService, string what)
    {
        var services = string.Join('|', compose.Services.Select(s => Regex.Escape(s.Name)));
        var address = new Regex($@"(?<![\w.-])(?<host>{services}|localhost|0\.0\.0\.0|127\.0\.0\.1)(?<sep>:|/)(?<port>\d{{1,5}})(?![\w.])", RegexOptions.CultureInvariant);
        return address.Replace(value, m =>
        {
            string host = m.Groups["host"].Value;
            int port = int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture);
            if (m.Groups["sep"].Value == "/" && !value[..m.Index].EndsWith("/dev/tcp/", StringComparison.Ordinal))
            {
                return m.Value;
            }

            var (service, containerPort) = host switch
            {
                "0.0.0.0" or "127.0.0.1" => (ownService, port),
                "localhost" => compose.Services.FirstOrDefault(s => s.PublishedTcpPorts.ContainsKey(port)) is { } published
                    ? (published.Name, published.PublishedTcpPorts[port])
                    : throw new InvalidOperationException($"{what}: '{m.Value}' is the Docker host's port {port}, which no compose service publishes."),
                _ => (host, port),
            };
            return _ports.TryGetValue((service, containerPort), out int loopback)
                ? $"127.0.0.1{m.Groups["sep"].Value}{loopback}"
                : throw new InvalidOperationException($"{what}: '{m.Value}' is port {containerPort} of service '{service}', which nothing listens on (not EXPOSEd by its stage / not the LiveKit port).");
        });
    }
}
