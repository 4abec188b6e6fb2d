using Google.Protobuf;

namespace LiveKit.DevServer.Twirp;

/// <summary>A Twirp service: its full name (<c>livekit.RoomService</c>) and its methods by name.</summary>
internal sealed class TwirpService(string fullName)
{
    private readonly Dictionary<string, TwirpMethod> _methods = new(StringComparer.Ordinal);

    public string FullName { get; } = fullName;

    public TwirpService Add<TRequest>(string method, Func<TRequest, TwirpCall, Task<IMessage>> handler)
        where TRequest : IMessage<TRequest>, new()
    {
        _methods.Add(method, new TwirpMethod(new TRequest().Descriptor, (request, call) => handler((TRequest)request, call)));
        return this;
    }

    public bool TryGetMethod(string name, out TwirpMethod method) => _methods.TryGetValue(name, out method!);
}
