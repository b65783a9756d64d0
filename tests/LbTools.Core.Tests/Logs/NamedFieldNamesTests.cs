using LbTools.Core.Logs.Named;

namespace LbTools.Core.Tests.Logs;

/// <summary>The one table of the mapper's field names: every field has its own name, as logged.</summary>
public class NamedFieldNamesTests
{
    [Fact]
    public void Every_field_has_a_distinct_lower_case_name()
    {
        var fields = Enum.GetValues<NamedField>();
        Assert.Equal(NamedFieldNames.Count, fields.Length);
        var names = fields.Select(NamedFieldNames.Of).ToList();
        Assert.All(names, n => Assert.Equal(n.ToLowerInvariant(), n));
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("status", NamedFieldNames.Of(NamedField.Status));
        Assert.Equal("__topic__", NamedFieldNames.Of(NamedField.Topic));
        Assert.Equal("@timestamp", NamedFieldNames.Of(NamedField.AtTimestamp));
    }
}
