using System.Buffers;
using System.Text;
using Google.Protobuf;
using LiveKit.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LiveKit.DevServer.Twirp;

/// <summary>
/// The Twirp edge: <c>POST /twirp/&lt;package.Service&gt;/&lt;Method&gt;</c> in protobuf
/// (<c>application/protobuf</c>, the Rust and Go SDKs) or JSON (<c>application/json</c>, the Node SDK; both
/// camelCase and proto field names are read, unknown fields ignored). The reply uses the request's
/// encoding; JSON replies use proto field names with defaults included, as Twirp does. Errors are Twirp
/// error JSON with <c>Content-Type: application/json</c> exactly (livekit-server-sdk compares it).
/// </summary>
internal sealed partial class TwirpEndpoint
{
    private static readonly JsonParser Json = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private static readonly JsonFormatter JsonOut = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true).WithFormatDefaultValues(true));

    private readonly Dictionary<string, TwirpService> _services;
    private readonly TokenVerifier _verifier;
    private readonly DevServerLimits _limits;
    private readonly DevServerMetrics _metrics;
    private readonly ILogger _logger;

    public TwirpEndpoint(IEnumerable<TwirpService> services, TokenVerifier verifier, IOptions<DevServerOptions> options, DevServerMetrics metrics, ILogger<TwirpEndpoint> logger)
    {
        _services = services.ToDictionary(s => s.FullName, StringComparer.Ordinal);
        _verifier = verifier;
        _limits = options.Value.Limits;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var service = context.Request.RouteValues["service"] as string ?? string.Empty;
        var methodName = context.Request.RouteValues["method"] as string ?? string.Empty;
        try
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                throw TwirpErrors.BadRequest($"unsupported method {context.Request.Method} (only POST is allowed)");
            }

            if (!_services.TryGetValue(service, out var twirpService) || !twirpService.TryGetMethod(methodName, out var method))
            {
                throw TwirpErrors.BadRoute($"/twirp/{service}/{methodName}");
            }

            var encoding = EncodingOf(context.Request.ContentType);
            var claims = Authenticate(context.Request);
            var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            var request = Parse(method, encoding, body);
            var response = await method.Invoke(request, new TwirpCall(claims, context.RequestAborted)).ConfigureAwait(false);
            await WriteAsync(context.Response, encoding, response, context.RequestAborted).ConfigureAwait(false);
        }
        catch (TwirpException e)
        {
            _metrics.TwirpError(e.Code);
            LogError(_logger, service, methodName, e.Code, e.Message);
            await WriteErrorAsync(context.Response, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private static TwirpEncoding EncodingOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            throw TwirpErrors.BadRequest($"unexpected Content-Type: \"{contentType}\" (use application/protobuf or application/json)");
        }

        var mediaType = parsed.MediaType.Value;
        if (string.Equals(mediaType, TwirpContentTypes.Protobuf, StringComparison.OrdinalIgnoreCase))
        {
            return TwirpEncoding.Protobuf;
        }

        if (string.Equals(mediaType, TwirpContentTypes.Json, StringComparison.OrdinalIgnoreCase))
        {
            return TwirpEncoding.Json;
        }

        throw TwirpErrors.BadRequest($"unexpected Content-Type: \"{contentType}\" (use application/protobuf or application/json)");
    }

    private ClaimGrants Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            throw TwirpErrors.MissingToken();
        }

        return _verifier.TryVerify(header["Bearer ".Length..].Trim(), out var claims, out _, out var message)
            ? claims
            : throw TwirpErrors.InvalidToken(message ?? "refused");
    }

    private async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > _limits.MaxApiRequestBytes)
        {
            throw TwirpErrors.Malformed($"request body of {request.ContentLength} bytes exceeds the limit of {_limits.MaxApiRequestBytes} bytes");
        }

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.Buffer.Length > _limits.MaxApiRequestBytes)
            {
                throw TwirpErrors.Malformed($"request body exceeds the limit of {_limits.MaxApiRequestBytes} bytes");
            }

            if (result.IsCompleted)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static IMessage Parse(TwirpMethod method, TwirpEncoding encoding, byte[] body)
    {
        try
        {
            if (encoding == TwirpEncoding.Protobuf)
            {
                return method.Request.Parser.ParseFrom(body);
            }

            var text = body.Length == 0 ? "{}" : Encoding.UTF8.GetString(body);
            return Json.Parse(text, method.Request);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException or DecoderFallbackException)
        {
            throw TwirpErrors.Malformed($"the request is not a valid {method.Request.FullName} in {(encoding == TwirpEncoding.Protobuf ? "protobuf" : "JSON")}: {e.Message}");
        }
    }

    private static async Task WriteAsync(HttpResponse response, TwirpEncoding encoding, IMessage message, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        if (encoding == TwirpEncoding.Protobuf)
        {
            response.ContentType = TwirpContentTypes.Protobuf;
            await response.Body.WriteAsync(message.ToByteArray(), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            response.ContentType = TwirpContentTypes.Json;
            await response.WriteAsync(JsonOut.Format(message), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Twirp error body with the code's HTTP status and a Content-Type of exactly application/json.</summary>
    public static async Task WriteErrorAsync(HttpResponse response, TwirpException error)
    {
        response.StatusCode = TwirpErrorCode.GetHttpStatus(error.Code);
        response.ContentType = TwirpContentTypes.Json;
        await response.WriteAsync(error.ToJson()).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Twirp {Service}/{Method} failed: {Code} {Message}")]
    private static partial void LogError(ILogger logger, string service, string method, string code, string message);
}
