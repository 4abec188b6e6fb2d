using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace WarmTransfer.ControlApi.Hosting;

/// <summary>
/// A range check whose failure message names the configuration key (e.g. <c>Transfers:AgentJoinTimeout</c>), not
/// the C# member. Used instead of <see cref="RangeAttribute"/> because the options source generator replaces
/// RangeAttribute with its own copy that drops <see cref="ValidationAttribute.ErrorMessage"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class SettingRangeAttribute : ValidationAttribute
{
    private readonly IComparable _minimum;
    private readonly IComparable _maximum;

    /// <summary>A time-span range; bounds in invariant <c>[d.]hh:mm:ss[.fff]</c> form.</summary>
    public SettingRangeAttribute(string setting, string minimum, string maximum)
    {
        Setting = setting;
        MinimumText = minimum;
        MaximumText = maximum;
        _minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        _maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
    }

    /// <summary>A whole-number range (int or long properties).</summary>
    public SettingRangeAttribute(string setting, long minimum, long maximum)
    {
        Setting = setting;
        MinimumText = minimum.ToString(CultureInfo.InvariantCulture);
        MaximumText = maximum.ToString(CultureInfo.InvariantCulture);
        _minimum = minimum;
        _maximum = maximum;
    }

    public string Setting { get; }

    public string MinimumText { get; }

    public string MaximumText { get; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var comparable = value switch
        {
            TimeSpan span => (IComparable)span,
            int number => (long)number,
            long number => number,
            _ => null,
        };
        return comparable is not null && comparable.CompareTo(_minimum) >= 0 && comparable.CompareTo(_maximum) <= 0
            ? ValidationResult.Success
            : new ValidationResult($"{Setting} must be between {MinimumText} and {MaximumText} (it is {Format(value)}).");
    }

    private static string Format(object? value) => value switch
    {
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "empty",
    };
}
