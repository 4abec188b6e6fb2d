using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.Configuration;

/// <summary>Shared checks of a <c>…:Providers</c> list, with messages that name the setting.</summary>
internal static class ProviderListRules
{
    public static IEnumerable<ValidationResult> Check(string section, string what, IList<string> providers, IReadOnlyList<string> known)
    {
        string setting = $"{section}:Providers";
        if (providers.Count == 0)
        {
            yield return new ValidationResult(
                $"{setting} is empty. List the {what} providers in fallback order, e.g. {setting}:0={known[0]} and {setting}:1={known[^1]} " +
                $"(or {section}__Providers={known[0]},{known[^1]} in the environment); known: {string.Join(", ", known)}. Development defaults to the offline provider.");
            yield break;
        }

        foreach (string name in providers.Where(p => !known.Contains(p)).Distinct())
        {
            yield return new ValidationResult($"{setting} lists '{name}', which is not a {what} provider; known: {string.Join(", ", known)}.");
        }

        foreach (string name in providers.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return new ValidationResult($"{setting} lists '{name}' more than once.");
        }
    }

    public static ValidationResult Required(string section, string provider, string setting) =>
        new($"{section}:{setting} is required when '{provider}' is listed in {section}:Providers.");
}
