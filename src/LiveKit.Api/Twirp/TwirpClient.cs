using System.Net.Http.Headers;
using Google.Protobuf;

namespace LiveKit.Api;

/// <summary>
/// Sends Twirp calls (<c>POST {base}/twirp/livekit.{Service}/{Method}</c>) with a freshly minted bearer
/// token carrying exactly the grants the method needs. Shared by the service clients; thread-safe.
/// </summary>
internal sealed class TwirpClient
{
    // Error bodies are short; a proxy's HTML page need not be read whole.
    private const int MaxErrorBodyBytes = 16 * 1024;

    private static readonly JsonParser ProtoJsonParser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private static readonly MediaTypeHeaderValue ProtobufType = new(TwirpContentTypes.Protobuf);
    private static readonly MediaTypeHeaderValue JsonType = new(TwirpContentTypes.Json);

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly string _apiKey;
    private readonly string _apiSecret;
    private readonly TwirpEncoding _encoding;
    private readonly TimeSpan _tokenTtl;
    private readonly TimeProvider _time;

    public TwirpClient(HttpClient httpClient, LiveKitApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ApiKey, "options.ApiKey");
        ArgumentException.ThrowIfNullOrEmpty(options.ApiSecret, "options.ApiSecret");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.TokenTtl, TimeSpan.Zero, "options.TokenTtl");
        if (!Enum.IsDefined(options.Encoding))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Encoding, "options.Encoding is not a TwirpEncoding value.");
        }

        _http = httpClient;
        _base = LiveKitUrl.ToHttpBase(options.Url);
        _apiKey = options.ApiKey;
        _apiSecret = options.ApiSecret;
        _encoding = options.Encoding;
        _tokenTtl = options.TokenTtl;
        _time = options.TimeProvider ?? TimeProvider.System;
    }

    public Uri BaseUri => _base;

    public async Task<TResponse> CallAsync<TResponse>(string service, string method, IMessage request, VideoGrants grants, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>, new()
    {
        var uri = new Uri(_base.AbsoluteUri.TrimEnd('/') + "/twirp/livekit." + service + "/" + method);
        using var message = new HttpRequestMessage(HttpMethod.Post, uri);
        var token = new AccessToken(_apiKey, _apiSecret, _time).WithVideoGrants(grants).WithTtl(_tokenTtl).ToJwt();
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (_encoding == TwirpEncoding.Json)
        {
            message.Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(request)));
            message.Content.Headers.ContentType = JsonType;
        }
        else
        {
            message.Content = new ByteArrayContent(request.ToByteArray());
            message.Content.Headers.ContentType = ProtobufType;
        }

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!response.IsSuccessStatusCode)
        {
            var errorBody = await ReadPrefixAsync(response.Content, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
            throw TwirpException.FromResponse((int)response.StatusCode, mediaType, errorBody);
        }

        var expected = _encoding == TwirpEncoding.Json ? TwirpContentTypes.Json : TwirpContentTypes.Protobuf;
        if (!string.Equals(mediaType, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new TwirpException(TwirpErrorCode.Internal, $"{service}.{method} answered with content type '{mediaType}', expected '{expected}'.", null, (int)response.StatusCode);
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _encoding == TwirpEncoding.Json
                ? ProtoJsonParser.Parse<TResponse>(System.Text.Encoding.UTF8.GetString(body))
                : Parsers<TResponse>.Instance.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new TwirpException(TwirpErrorCode.Malformed, $"{service}.{method} answered with a body that is not a valid {new TResponse().Descriptor.Name}: {e.Message}", null, (int)response.StatusCode);
        }
        catch (InvalidJsonException e)
        {
            throw new TwirpException(TwirpErrorCode.Malformed, $"{service}.{method} answered with JSON that is not a valid {new TResponse().Descriptor.Name}: {e.Message}", null, (int)response.StatusCode);
        }
    }

    private static async Task<byte[]> ReadPrefixAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[limit];
            var total = 0;
            int read;
            while (total < limit && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return buffer[..total];
        }
    }

    private static class Parsers<T>
        where T : IMessage<T>, new()
    {
        public static readonly MessageParser<T> Instance = new(() => new T());
    }

    /// <summary>Used when a caller supplies no HttpClient: one pooled client for the process, recycling connections for DNS changes.</summary>
    internal static readonly HttpClient SharedHttpClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}
