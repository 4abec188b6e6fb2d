using YamlDotNet.RepresentationModel;

namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>
/// The part of a livekit-server configuration (the YAML it reads from <c>LIVEKIT_CONFIG</c>) that the rehearsal gives
/// the dev server standing in for it: where webhooks go and which API key signs them.
/// </summary>
public sealed record LiveKitServerConfig(IReadOnlyList<string> WebhookUrls, string? WebhookApiKey)
{
    /// <summary>Reads the <c>LIVEKIT_CONFIG</c> of <paramref name="service"/>; no webhooks when it has none.</summary>
    public static LiveKitServerConfig Of(ComposeService service)
    {
        if (!service.Environment.TryGetValue("LIVEKIT_CONFIG", out var body) || string.IsNullOrWhiteSpace(body))
        {
            return new LiveKitServerConfig([], null);
        }

        var yaml = new YamlStream();
        using (var reader = new StringReader(body))
        {
            yaml.Load(reader);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidOperationException($"{service.Name}: LIVEKIT_CONFIG is not a YAML mapping.");
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("webhook"), out var node))
        {
            return new LiveKitServerConfig([], null);
        }

        var webhook = node as YamlMappingNode ?? throw new InvalidOperationException($"{service.Name}: LIVEKIT_CONFIG webhook is not a mapping.");
        var urls = webhook.Children.TryGetValue(new YamlScalarNode("urls"), out var list)
            ? (list as YamlSequenceNode ?? throw new InvalidOperationException($"{service.Name}: LIVEKIT_CONFIG webhook.urls is not a list."))
                .Children.Select(u => ((YamlScalarNode)u).Value ?? string.Empty).ToList()
            : [];
        string? key = webhook.Children.TryGetValue(new YamlScalarNode("api_key"), out var k) ? ((YamlScalarNode)k).Value : null;
        return new LiveKitServerConfig(urls, key);
    }
}
