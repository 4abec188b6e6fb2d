namespace LiveKit.Api;

/// <summary>The <c>sip</c> claim of a LiveKit access token.</summary>
public sealed class SipGrants
{
    /// <summary>May manage SIP trunks and dispatch rules (<c>admin</c>).</summary>
    public bool Admin { get; set; }

    /// <summary>May place outbound SIP calls (<c>call</c>).</summary>
    public bool Call { get; set; }

    /// <summary>A copy.</summary>
    public SipGrants Clone() => (SipGrants)MemberwiseClone();
}
