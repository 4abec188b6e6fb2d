using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.Configuration;

/// <summary>
/// Wraps a generated validator so its messages name configuration settings rather than C# members:
/// "SpeechToTextEngineOptions.OpenAI.Model" becomes "Stt:OpenAI:Model", the key an operator actually sets.
/// </summary>
internal sealed class SettingPathValidator<TOptions>(IValidateOptions<TOptions> inner, string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly Regex _memberPath = new($@"\b{Regex.Escape(typeof(TOptions).Name)}((?:\.\w+)*)", RegexOptions.CultureInvariant);

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var result = inner.Validate(name, options);
        if (!result.Failed)
        {
            return result;
        }

        var messages = (result.Failures ?? [result.FailureMessage]).Select(m => _memberPath.Replace(m, match =>
        {
            string path = match.Groups[1].Value.Replace('.', ':');
            return path.EndsWith(":Validate", StringComparison.Ordinal) ? section : section + path;
        }));
        return ValidateOptionsResult.Fail(messages);
    }
}
