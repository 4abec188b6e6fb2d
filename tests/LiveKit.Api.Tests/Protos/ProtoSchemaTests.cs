using System.Text.Json;
using Google.Protobuf.Reflection;
using LiveKit.Api.Tests.Support;
using LiveKit.Proto;

namespace LiveKit.Api.Tests.Protos;

/// <summary>
/// Compares every message, field and enum value of our .proto subset with the official generated code
/// of @livekit/protocol 1.52.1 (the version livekit-client 2.23 pins): same numbers, names, types,
/// cardinality and oneof membership; and no oneof case of theirs missing from ours.
/// </summary>
public sealed class ProtoSchemaTests
{
    private static readonly FileDescriptor[] OurFiles =
    [
        LivekitModelsReflection.Descriptor,
        LivekitRtcReflection.Descriptor,
        LivekitRoomReflection.Descriptor,
        LivekitAgentReflection.Descriptor,
        LivekitAgentDispatchReflection.Descriptor,
        LivekitWebhookReflection.Descriptor,
    ];

    [Fact]
    public async Task EveryMessage_MatchesOfficialGeneratedCode()
    {
        var official = await OfficialSchema.LoadAsync();
        var problems = new List<string>();
        var checkedFields = 0;

        foreach (var message in AllMessages())
        {
            if (!official.Messages.TryGetValue(message.FullName, out var theirs))
            {
                problems.Add($"{message.FullName}: not in @livekit/protocol");
                continue;
            }

            var byNumber = theirs.ToDictionary(f => f.Number);
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                checkedFields++;
                var ours = Describe(field);
                if (!byNumber.TryGetValue(field.FieldNumber, out var their))
                {
                    problems.Add($"{message.FullName}.{field.Name} = {field.FieldNumber}: no such field number upstream");
                }
                else if (ours != their)
                {
                    problems.Add($"{message.FullName}.{field.Name}: ours {ours}, upstream {their}");
                }
            }

            // Every oneof case upstream must be declared here, so that no case is unrecognisable.
            foreach (var oneof in message.Oneofs.Where(o => !o.IsSynthetic))
            {
                var ourCases = oneof.Fields.Select(f => f.FieldNumber).ToHashSet();
                foreach (var missing in theirs.Where(f => f.Oneof == oneof.Name && !ourCases.Contains(f.Number)))
                {
                    problems.Add($"{message.FullName}.{oneof.Name}: upstream case {missing.Name} = {missing.Number} not declared");
                }
            }
        }

        foreach (var enumType in AllEnums())
        {
            if (!official.Enums.TryGetValue(enumType.FullName, out var theirs))
            {
                problems.Add($"{enumType.FullName}: enum not in @livekit/protocol");
                continue;
            }

            var ours = enumType.Values.Select(v => (v.Number, v.Name)).ToHashSet();
            var upstream = theirs.Select(v => (v.Number, v.Name)).ToHashSet();
            if (!ours.SetEquals(upstream))
            {
                problems.Add($"{enumType.FullName}: ours [{string.Join(", ", ours.Order())}], upstream [{string.Join(", ", upstream.Order())}]");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(checkedFields > 500, $"only {checkedFields} fields compared");
    }

    private static IEnumerable<MessageDescriptor> AllMessages()
    {
        static IEnumerable<MessageDescriptor> WithNested(MessageDescriptor m) =>
            m.NestedTypes.Where(n => !n.GetOptions()?.MapEntry ?? true).SelectMany(WithNested).Prepend(m);

        return OurFiles.SelectMany(f => f.MessageTypes).SelectMany(WithNested).Where(m => !IsMapEntry(m));
    }

    private static IEnumerable<EnumDescriptor> AllEnums() =>
        OurFiles.SelectMany(f => f.EnumTypes).Concat(AllMessages().SelectMany(m => m.EnumTypes));

    private static bool IsMapEntry(MessageDescriptor m) => m.GetOptions()?.MapEntry ?? false;

    private static OfficialField Describe(FieldDescriptor field)
    {
        var type = field.IsMap
            ? $"map<{TypeName(field.MessageType.FindFieldByNumber(1))},{TypeName(field.MessageType.FindFieldByNumber(2))}>"
            : TypeName(field);
        return new OfficialField(
            field.FieldNumber,
            field.Name,
            type,
            field.IsRepeated && !field.IsMap,
            field.RealContainingOneof?.Name,
            field.ContainingOneof?.IsSynthetic ?? false);
    }

    private static string TypeName(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message or FieldType.Group => "message:" + field.MessageType.FullName,
        FieldType.Enum => "enum:" + field.EnumType.FullName,
        var scalar => scalar.ToString().ToLowerInvariant(),
    };

    private sealed record OfficialField(int Number, string Name, string Type, bool Repeated, string? Oneof, bool Optional);

    private sealed record OfficialEnumValue(int Number, string Name);

    private sealed record OfficialSchema(Dictionary<string, OfficialField[]> Messages, Dictionary<string, OfficialEnumValue[]> Enums)
    {
        private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

        public static async Task<OfficialSchema> LoadAsync()
        {
            var json = await NodeScript.RunAsync("schema.mjs");
            return JsonSerializer.Deserialize<OfficialSchema>(json, Options)
                ?? throw new InvalidOperationException("schema.mjs printed nothing");
        }
    }
}
