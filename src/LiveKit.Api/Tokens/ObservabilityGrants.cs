namespace LiveKit.Api;

/// <summary>The <c>observability</c> claim of a LiveKit access token.</summary>
public sealed class ObservabilityGrants
{
    /// <summary>May publish observability data (<c>write</c>).</summary>
    public bool Write { get; set; }

    /// <summary>A copy.</summary>
    public ObservabilityGrants Clone() => (ObservabilityGrants)MemberwiseClone();
}
