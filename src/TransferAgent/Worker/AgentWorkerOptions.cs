using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.Worker;

/// <summary>
/// How the worker registers and takes jobs (section <c>Worker</c>; the agent name also from <c>AGENT_NAME</c>).
/// The same values serve development and production; only the LiveKit credentials differ (<see cref="LiveKitServerOptions"/>).
/// </summary>
public sealed class AgentWorkerOptions
{
    public const string Section = "Worker";
    public const string DefaultAgentName = "warm-transfer";

    /// <summary>The agent name the worker registers and the control API dispatches (<c>AGENT_NAME</c>).</summary>
    [Required(ErrorMessage = "AGENT_NAME (Worker:AgentName) is required.")]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "AGENT_NAME (Worker:AgentName) must be 1 to 64 letters, digits, '.', '_' or '-'.")]
    public string AgentName { get; set; } = DefaultAgentName;

    /// <summary>Jobs run at once; the worker answers "not available" beyond it and reports load = jobs / MaxJobs.</summary>
    [Range(1, 1000, ErrorMessage = "Worker:MaxJobs must be between 1 and 1000.")]
    public int MaxJobs { get; set; } = 8;

    /// <summary>On shutdown, how long running jobs may go on before they are cancelled.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Worker:DrainTimeout must be between 00:00:00 and 01:00:00.")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Interval of the worker's pings (and load reports); two intervals without a pong mean the server is gone.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Worker:PingInterval must be between 00:00:00.100 and 00:05:00.")]
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay; doubles per failed attempt up to <see cref="ReconnectMaxDelay"/>, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "Worker:ReconnectInitialDelay must be between 00:00:00.010 and 00:01:00.")]
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(0.5);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Worker:ReconnectMaxDelay must be between 00:00:00.010 and 00:10:00.")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long joining a job's room may take before the job fails.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Worker:JoinTimeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How long a slot promised in an availability answer waits for the assignment.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Worker:AssignmentTimeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan AssignmentTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Display name of the worker's participant in rooms.</summary>
    [Required(ErrorMessage = "Worker:ParticipantName is required.")]
    [StringLength(64, ErrorMessage = "Worker:ParticipantName is longer than 64 characters.")]
    public string ParticipantName { get; set; } = "Transfer assistant";

    /// <summary>Ask for hidden join tokens (allowed_permissions.hidden): the bot listens without appearing in rooms.</summary>
    public bool Hidden { get; set; } = true;
}
