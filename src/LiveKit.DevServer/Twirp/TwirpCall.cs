using LiveKit.Api;

namespace LiveKit.DevServer.Twirp;

/// <summary>One authenticated Twirp call: the caller's verified claims and the request's cancellation.</summary>
internal sealed record TwirpCall(ClaimGrants Claims, CancellationToken CancellationToken);
