namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>One service of <c>docker-compose.yml</c>, as far as the rehearsal uses it.</summary>
/// <param name="Name">Service name, which is also its host name on the compose network.</param>
/// <param name="BuildTarget">The Dockerfile stage it builds (<c>build.target</c>), or null for an image.</param>
/// <param name="Image">The image it runs when it is not built.</param>
/// <param name="Environment">Its <c>environment:</c> (map or list form).</param>
/// <param name="PublishedTcpPorts">Host port → container port of its <c>ports:</c> (TCP only).</param>
/// <param name="Command">Its <c>command:</c> as a list.</param>
public sealed record ComposeService(
    string Name,
    string? BuildTarget,
    string? Image,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<int, int> PublishedTcpPorts,
    IReadOnlyList<string> Command);
