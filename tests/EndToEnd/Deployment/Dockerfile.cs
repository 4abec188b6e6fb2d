using System.Globalization;

namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>
/// The repository's Dockerfile read into stages. Deliberately small and strict: it knows ARG, FROM … AS, WORKDIR,
/// COPY [--from=], RUN (shell form), ENV, USER, EXPOSE, VOLUME, HEALTHCHECK … CMD and ENTRYPOINT (JSON form), and any
/// other instruction or flag fails with its line, so the rehearsal cannot silently drift from the file.
/// </summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerStage> stages) => Stages = stages;

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Stage(string name) =>
        Stages.FirstOrDefault(s => s.Name == name)
        ?? throw new InvalidOperationException($"The Dockerfile has no stage '{name}' (stages: {string.Join(", ", Stages.Select(s => s.Name))}).");

    public static Dockerfile Load(string path) => Parse(File.ReadAllText(path));

    public static Dockerfile Parse(string text)
    {
        var globalArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<DockerStage>();
        DockerStage? stage = null;
        foreach (var at in DockerfileInstruction.Read(text))
        {
            if (stage is null && at.Keyword is not ("ARG" or "FROM"))
            {
                throw DockerfileSyntax.Error(at, "only ARG may come before the first FROM");
            }

            switch (at.Keyword)
            {
                case "ARG":
                    // A stage-scoped ARG would be build-time only (not in the container's environment): not needed yet.
                    Arg(at, stage is null ? globalArgs : throw DockerfileSyntax.Error(at, "ARG inside a stage is not supported"));
                    break;
                case "FROM":
                    stage = From(at, globalArgs, stages);
                    stages.Add(stage);
                    break;
                case "WORKDIR":
                    stage!.Workdir = DockerPath.Combine(stage.Workdir, DockerfileSyntax.One(at.Arguments, stage.Environment, at)).TrimEnd('/');
                    stage.Steps.Add(new WorkdirStep(at.Line, stage.Workdir));
                    break;
                case "COPY":
                    stage!.Steps.Add(Copy(at, stage, stages));
                    break;
                case "RUN":
                    stage!.Steps.Add(Run(at, stage));
                    break;
                case "ENV":
                    Env(at, stage!);
                    break;
                case "USER":
                    stage!.User = DockerfileSyntax.One(at.Arguments, stage.Environment, at);
                    break;
                case "EXPOSE":
                    Expose(at, stage!);
                    break;
                case "VOLUME":
                    stage!.Volumes.AddRange(DockerfileSyntax.JsonArray(at.Arguments, at) ?? DockerfileSyntax.Words(at.Arguments, stage.Environment, at));
                    break;
                case "HEALTHCHECK":
                    stage!.HealthCheck = Health(at);
                    break;
                case "ENTRYPOINT":
                    stage!.Entrypoint = DockerfileSyntax.JsonArray(at.Arguments, at)
                        ?? throw DockerfileSyntax.Error(at, "use the JSON form [\"executable\", \"arg\"] (the shell form puts /bin/sh in front, which does not pass SIGTERM on)");
                    break;
                default:
                    throw DockerfileSyntax.Error(at, $"instruction {at.Keyword} is not known to the rehearsal");
            }
        }

        return stages.Count > 0 ? new Dockerfile(stages) : throw new FormatException("The Dockerfile has no FROM.");
    }

    private static void Arg(DockerfileInstruction at, Dictionary<string, string> globalArgs)
    {
        string text = at.Arguments;
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        string name = equals < 0 ? text : text[..equals];
        if (name.Length == 0 || name.Any(char.IsWhiteSpace))
        {
            throw DockerfileSyntax.Error(at, "expected ARG NAME or ARG NAME=default");
        }

        globalArgs[name] = equals < 0
            ? throw DockerfileSyntax.Error(at, $"ARG {name} has no default; the rehearsal passes no --build-arg")
            : DockerfileSyntax.One(text[(equals + 1)..], globalArgs, at);
    }

    private static DockerStage From(DockerfileInstruction at, Dictionary<string, string> globalArgs, List<DockerStage> stages)
    {
        var words = DockerfileSyntax.Words(at.Arguments, globalArgs, at);
        if (words.Count != 3 || !words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) || words[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw DockerfileSyntax.Error(at, "expected FROM image AS name (every stage is named, no flags)");
        }

        var stage = new DockerStage(words[2], words[0], at.Line);
        var parent = stages.FirstOrDefault(s => s.Name == words[0]);
        foreach (var (key, value) in parent?.Environment ?? BaseImages.Environment(words[0], at))
        {
            stage.Environment[key] = value;
        }

        if (parent is not null)
        {
            stage.Workdir = parent.Workdir;
            stage.User = parent.User;
        }

        return stage;
    }

    private static CopyStep Copy(DockerfileInstruction at, DockerStage stage, List<DockerStage> stages)
    {
        if (DockerfileSyntax.JsonArray(at.Arguments, at) is not null)
        {
            throw DockerfileSyntax.Error(at, "the JSON form of COPY is not supported");
        }

        var words = DockerfileSyntax.Words(at.Arguments, stage.Environment, at).ToList();
        string? from = null;
        while (words.Count > 0 && words[0].StartsWith("--", StringComparison.Ordinal))
        {
            from = words[0].StartsWith("--from=", StringComparison.Ordinal) && from is null
                ? words[0]["--from=".Length..]
                : throw DockerfileSyntax.Error(at, $"COPY flag '{words[0]}' is not supported (only --from=stage)");
            words.RemoveAt(0);
        }

        if (from is not null && stages.All(s => s.Name != from))
        {
            throw DockerfileSyntax.Error(at, $"--from={from} names no earlier stage");
        }

        if (words.Count < 2)
        {
            throw DockerfileSyntax.Error(at, "expected COPY source… destination");
        }

        var sources = words[..^1];
        string destination = words[^1];
        if (sources.Any(s => s.IndexOfAny(['*', '?', '[']) >= 0))
        {
            throw DockerfileSyntax.Error(at, "wildcards in COPY sources are not supported");
        }

        if (sources.Count > 1 && !destination.EndsWith('/'))
        {
            throw DockerfileSyntax.Error(at, "with several sources the destination must end with '/' (Docker rejects it otherwise)");
        }

        return new CopyStep(at.Line, from, sources, destination, stage.Workdir);
    }

    private static RunStep Run(DockerfileInstruction at, DockerStage stage) =>
        at.Arguments.StartsWith('[') ? throw DockerfileSyntax.Error(at, "the exec (JSON) form of RUN is not supported")
        : at.Arguments.StartsWith("--", StringComparison.Ordinal) ? throw DockerfileSyntax.Error(at, "RUN flags (--mount, --network, …) are not supported")
        : new RunStep(at.Line, at.Arguments, stage.Workdir, stage.User, new Dictionary<string, string>(stage.Environment, StringComparer.Ordinal));

    private static void Env(DockerfileInstruction at, DockerStage stage)
    {
        var words = DockerfileSyntax.Words(at.Arguments, stage.Environment, at);
        if (words.Count == 0)
        {
            throw DockerfileSyntax.Error(at, "ENV without a value");
        }

        // Legacy form "ENV KEY value with spaces": one pair, the value is the rest of the line.
        if (!words[0].Contains('=', StringComparison.Ordinal))
        {
            string rest = at.Arguments[(at.Arguments.IndexOf(words[0], StringComparison.Ordinal) + words[0].Length)..];
            Set(stage, words[0], string.Join(' ', DockerfileSyntax.Words(rest, stage.Environment, at)));
            return;
        }

        foreach (string word in words)
        {
            int equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw DockerfileSyntax.Error(at, $"'{word}' is not KEY=value (mixing the legacy 'ENV KEY value' form with pairs?)");
            }

            Set(stage, word[..equals], word[(equals + 1)..]);
        }

        static void Set(DockerStage stage, string key, string value)
        {
            stage.Environment[key] = value;
            if (!stage.OwnEnvironmentKeys.Contains(key))
            {
                stage.OwnEnvironmentKeys.Add(key);
            }
        }
    }

    private static void Expose(DockerfileInstruction at, DockerStage stage)
    {
        foreach (string word in DockerfileSyntax.Words(at.Arguments, stage.Environment, at))
        {
            var parts = word.Split('/');
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535 || parts.Length > 2)
            {
                throw DockerfileSyntax.Error(at, $"'{word}' is not a port");
            }

            string protocol = parts.Length == 2 ? parts[1].ToLowerInvariant() : "tcp";
            if (protocol == "tcp")
            {
                stage.ExposedTcpPorts.Add(port);
            }
            else if (protocol != "udp")
            {
                throw DockerfileSyntax.Error(at, $"'{word}': protocol must be tcp or udp");
            }
        }
    }

    private static HealthCheck? Health(DockerfileInstruction at)
    {
        string text = at.Arguments;
        if (text.Equals("NONE", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        TimeSpan interval = HealthCheck.DefaultInterval, timeout = HealthCheck.DefaultTimeout, startPeriod = TimeSpan.Zero;
        int retries = HealthCheck.DefaultRetries;
        while (text.StartsWith("--", StringComparison.Ordinal))
        {
            int end = text.IndexOfAny([' ', '\t']);
            string option = end < 0 ? text : text[..end];
            text = end < 0 ? string.Empty : text[end..].TrimStart();
            var (name, value) = option.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (option[..eq], option[(eq + 1)..]) : (option, string.Empty);
            switch (name)
            {
                case "--interval": interval = DockerfileSyntax.Duration(value, at); break;
                case "--timeout": timeout = DockerfileSyntax.Duration(value, at); break;
                case "--start-period": startPeriod = DockerfileSyntax.Duration(value, at); break;
                case "--retries":
                    retries = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int r) ? r : throw DockerfileSyntax.Error(at, $"--retries={value}");
                    break;
                default: throw DockerfileSyntax.Error(at, $"HEALTHCHECK option '{option}' is not supported");
            }
        }

        if (!text.StartsWith("CMD ", StringComparison.OrdinalIgnoreCase))
        {
            throw DockerfileSyntax.Error(at, "expected HEALTHCHECK [options] CMD command");
        }

        string command = text[4..].Trim();
        if (DockerfileSyntax.JsonArray(command, at) is not null)
        {
            throw DockerfileSyntax.Error(at, "the JSON form of HEALTHCHECK CMD is not supported (use the shell form)");
        }

        return new HealthCheck(command, interval, timeout, retries, startPeriod);
    }
}
