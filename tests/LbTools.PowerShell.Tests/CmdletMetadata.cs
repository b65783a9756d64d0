using System.Management.Automation;
using System.Reflection;

namespace LbTools.PowerShell.Tests;

/// <summary>
/// Reads cmdlet metadata from attribute data, never by constructing attributes: the
/// PowerShellStandard stub's members return null when run.
/// </summary>
internal static class CmdletMetadata
{
    public static readonly Assembly ModuleAssembly = typeof(LbTools.PowerShell.Commands.GetLbAccessLogCommand).Assembly;

    public static IReadOnlyList<Type> CmdletTypes() =>
        ModuleAssembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetCustomAttributesData().Any(a => a.AttributeType == typeof(CmdletAttribute)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    public static (string Verb, string Noun) VerbNoun(Type cmdlet)
    {
        var data = cmdlet.GetCustomAttributesData().Single(a => a.AttributeType == typeof(CmdletAttribute));
        return ((string)data.ConstructorArguments[0].Value!, (string)data.ConstructorArguments[1].Value!);
    }

    public static string Name(Type cmdlet)
    {
        var (verb, noun) = VerbNoun(cmdlet);
        return verb + "-" + noun;
    }

    public static IReadOnlyList<Type> OutputTypes(Type cmdlet) =>
        cmdlet.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(OutputTypeAttribute))
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IReadOnlyCollection<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
            .OfType<Type>()
            .ToList();

    /// <summary>Named arguments of every [Parameter] on a property (one per parameter set).</summary>
    public static IReadOnlyList<IDictionary<string, object?>> ParameterAttributes(PropertyInfo property) =>
        property.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(ParameterAttribute))
            .Select(a => (IDictionary<string, object?>)a.NamedArguments.ToDictionary(n => n.MemberName, n => n.TypedValue.Value))
            .ToList();

    public static IReadOnlyList<string> Aliases(PropertyInfo property) =>
        property.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(AliasAttribute))
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IReadOnlyCollection<CustomAttributeTypedArgument> many ? many.Select(m => (string)m.Value!) : new[] { (string)arg.Value! })
            .ToList();

    /// <summary>The approved verbs: the const fields of PowerShell's Verbs* classes.</summary>
    public static ISet<string> ApprovedVerbs()
    {
        var verbClasses = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) };
        return verbClasses
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
    }
}
