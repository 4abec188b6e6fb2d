namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>One <c>FROM … AS name</c> stage of the Dockerfile, as the rehearsal needs it.</summary>
public sealed class DockerStage(string name, string baseImage, int line)
{
    public string Name { get; } = name;

    /// <summary>The image or earlier stage it starts from (variables expanded).</summary>
    public string BaseImage { get; } = baseImage;

    public int Line { get; } = line;

    /// <summary>WORKDIR, COPY and RUN in order.</summary>
    public List<StageStep> Steps { get; } = [];

    /// <summary>The environment the container starts with: the base image's, then this stage's ENV in order.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Only what this stage's ENV instructions set (for reports).</summary>
    public List<string> OwnEnvironmentKeys { get; } = [];

    public string Workdir { get; set; } = "/";

    /// <summary>USER with variables expanded (null: root).</summary>
    public string? User { get; set; }

    public List<int> ExposedTcpPorts { get; } = [];

    public List<string> Volumes { get; } = [];

    public HealthCheck? HealthCheck { get; set; }

    public IReadOnlyList<string>? Entrypoint { get; set; }

    public IEnumerable<CopyStep> Copies => Steps.OfType<CopyStep>();

    public IEnumerable<RunStep> Runs => Steps.OfType<RunStep>();

    public override string ToString() => $"stage '{Name}' (line {Line}, FROM {BaseImage})";
}
