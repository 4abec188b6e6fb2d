namespace LiveKit.Api;

/// <summary>The <c>agent</c> claim of a LiveKit access token (agent administration, not the video <c>agent</c> flag).</summary>
public sealed class AgentGrants
{
    /// <summary>May manage agents (<c>admin</c>).</summary>
    public bool Admin { get; set; }

    /// <summary>May manage agent simulations (<c>simulationAdmin</c>).</summary>
    public bool SimulationAdmin { get; set; }

    /// <summary>May manage agent databases (<c>databaseAdmin</c>).</summary>
    public bool DatabaseAdmin { get; set; }

    /// <summary>A copy.</summary>
    public AgentGrants Clone() => (AgentGrants)MemberwiseClone();
}
