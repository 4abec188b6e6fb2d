namespace LiveKit.Api;

/// <summary>The <c>inference</c> claim of a LiveKit access token.</summary>
public sealed class InferenceGrants
{
    /// <summary>May call LiveKit inference (<c>perform</c>).</summary>
    public bool Perform { get; set; }

    /// <summary>A copy.</summary>
    public InferenceGrants Clone() => (InferenceGrants)MemberwiseClone();
}
