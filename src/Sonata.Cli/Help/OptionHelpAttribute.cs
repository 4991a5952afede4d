using System.ComponentModel;

namespace Sonata.Cli.Help;

/// <summary>What a command's options default to, read from the library's records.</summary>
public interface IOptionDefaults
{
    /// <summary>The default of the settings property <paramref name="property"/>, as help shows it.</summary>
    static abstract string Of(string property);
}

/// <summary>
/// An option's help: its text, then the default the library's records hold ("Default: 256", or
/// "Default: 100 (lab: 30)" where the lab's way differs), read from <typeparamref name="TDefaults"/>
/// when help is shown. No default is typed twice, so help cannot drift from what runs.
/// </summary>
/// <param name="text">What the option does.</param>
/// <param name="property">The settings property whose default to show (<c>nameof</c>).</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OptionHelpAttribute<TDefaults>(string text, string property) : DescriptionAttribute(text)
    where TDefaults : IOptionDefaults
{
    public override string Description => $"{base.Description} Default: {TDefaults.Of(property)}.";
}
