using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace WarmTransfer.EndToEnd.Deployment;

/// <summary><c>docker-compose.yml</c> read with YamlDotNet: its services.</summary>
public sealed class ComposeFile
{
    private ComposeFile(IReadOnlyList<ComposeService> services) => Services = services;

    public IReadOnlyList<ComposeService> Services { get; }

    public ComposeService Service(string name) =>
        Services.FirstOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"docker-compose.yml has no service '{name}'.");

    /// <summary>The service built from Dockerfile stage <paramref name="target"/>.</summary>
    public ComposeService BuiltFrom(string target) =>
        Services.SingleOrDefault(s => s.BuildTarget == target)
        ?? throw new InvalidOperationException($"docker-compose.yml has no single service with build target '{target}'.");

    public static ComposeFile Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        var services = Child<YamlMappingNode>(root, "services") ?? throw new FormatException("docker-compose.yml: no services.");
        return new ComposeFile([.. services.Children.Select(s => Service(Text(s.Key), (YamlMappingNode)s.Value))]);
    }

    private static ComposeService Service(string name, YamlMappingNode node)
    {
        string? target = node.Children.TryGetValue(new YamlScalarNode("build"), out var build)
            ? build switch
            {
                YamlMappingNode map => Child<YamlScalarNode>(map, "target")?.Value ?? throw new FormatException($"compose service {name}: build without target"),
                _ => throw new FormatException($"compose service {name}: build must name a Dockerfile target"),
            }
            : null;
        return new ComposeService(
            name,
            target,
            Child<YamlScalarNode>(node, "image")?.Value,
            Environment(name, node),
            Ports(name, node),
            node.Children.TryGetValue(new YamlScalarNode("command"), out var command) ? Strings(command) : []);
    }

    private static Dictionary<string, string> Environment(string service, YamlMappingNode node)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!node.Children.TryGetValue(new YamlScalarNode("environment"), out var value))
        {
            return environment;
        }

        if (value is YamlMappingNode map)
        {
            foreach (var (key, item) in map.Children)
            {
                environment[Text(key)] = Text(item);
            }
        }
        else
        {
            // List form: "- KEY=value".
            foreach (string entry in Strings(value))
            {
                int equals = entry.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new FormatException($"compose service {service}: environment entry '{entry}' is not KEY=value");
                }

                environment[entry[..equals]] = entry[(equals + 1)..];
            }
        }

        return environment;
    }

    private static Dictionary<int, int> Ports(string service, YamlMappingNode node)
    {
        var ports = new Dictionary<int, int>();
        if (!node.Children.TryGetValue(new YamlScalarNode("ports"), out var value))
        {
            return ports;
        }

        foreach (string entry in Strings(value))
        {
            // "host:container[/protocol]" (short syntax only).
            var (mapping, protocol) = entry.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? (entry[..slash], entry[(slash + 1)..]) : (entry, "tcp");
            var parts = mapping.Split(':');
            if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out int host) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out int container))
            {
                throw new FormatException($"compose service {service}: port '{entry}' is not HOST:CONTAINER");
            }

            if (protocol == "tcp")
            {
                ports[host] = container;
            }
        }

        return ports;
    }

    private static T? Child<T>(YamlMappingNode node, string key)
        where T : YamlNode =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (T)child : null;

    private static List<string> Strings(YamlNode node) => node switch
    {
        YamlSequenceNode sequence => [.. sequence.Children.Select(Text)],
        YamlScalarNode scalar => [scalar.Value ?? string.Empty],
        _ => throw new FormatException($"docker-compose.yml line {node.Start.Line}: expected a list"),
    };

    private static string Text(YamlNode node) =>
        node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : throw new FormatException($"docker-compose.yml line {node.Start.Line}: expected a value");
}
