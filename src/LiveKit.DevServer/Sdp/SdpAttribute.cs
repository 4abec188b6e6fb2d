namespace LiveKit.DevServer.Sdp;

/// <summary>One <c>a=</c> line (RFC 8866 §5.13): a flag (<see cref="Value"/> null) or <c>name:value</c>.</summary>
internal sealed record SdpAttribute(string Name, string? Value = null)
{
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}
