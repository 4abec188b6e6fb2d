namespace LiveKit.Api;

/// <summary>A webhook ready to POST with <c>Content-Type: </c><see cref="WebhookSigner.ContentType"/>.</summary>
/// <param name="Body">The UTF-8 protobuf JSON body; send these bytes unchanged.</param>
/// <param name="Authorization">The <c>Authorization</c> header value: the bare JWT, as LiveKit sends it.</param>
public sealed record SignedWebhook(ReadOnlyMemory<byte> Body, string Authorization);
