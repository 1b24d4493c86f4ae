namespace Amigo.Connector.ITop;

/// <summary>An OQL query whose values were all quoted and escaped by <see cref="OqlBuilder"/>.</summary>
public sealed class OqlQuery
{
    internal OqlQuery(string className, string text)
    {
        ClassName = className;
        Text = text;
    }

    /// <summary>The class the query selects.</summary>
    public string ClassName { get; }

    /// <summary>The OQL text sent to iTop.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>Entry point of the OQL builder: <c>Oql.Select("UserRequest").Where("status", "=", "resolved").Build()</c>.</summary>
public static class Oql
{
    /// <summary>Starts <c>SELECT <paramref name="className"/></c>.</summary>
    public static OqlBuilder Select(string className) => new(OqlNames.EnsureClass(className));

    /// <summary>Quotes a value as an OQL literal so that no content can end the literal or change the query.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "NULL",
        string text => QuoteString(text),
        long or int or short or byte or ulong or uint or ushort => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "1" : "0",
        _ => throw new ArgumentException($"No OQL literal for a value of type {value.GetType().Name}; convert it to text first.", nameof(value)),
    };

    private static string QuoteString(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('\'');
        foreach (var character in text)
        {
            switch (character)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\'': builder.Append(@"\'"); break;
                case '\0': throw new ArgumentException("An OQL value cannot contain a NUL character.");
                default: builder.Append(character); break;
            }
        }
        return builder.Append('\'').ToString();
    }
}

/// <summary>Builds a <c>SELECT Class WHERE …</c> query from conditions joined by AND; names are validated, values escaped.</summary>
public sealed class OqlBuilder
{
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal) { "=", "!=", "<", "<=", ">", ">=", "LIKE", "NOT LIKE" };
    private readonly string _className;
    private readonly List<string> _conditions = [];

    internal OqlBuilder(string className) => _className = className;

    /// <summary>Adds <c>attribute op value</c>; <paramref name="attribute"/> may be an external field such as <c>team_id_friendlyname</c>.</summary>
    public OqlBuilder Where(string attribute, string op, object? value)
    {
        if (!Operators.Contains(op)) throw new ArgumentException($"Unsupported OQL operator '{op}'.", nameof(op));
        _conditions.Add($"{OqlNames.EnsureAttribute(attribute)} {op} {Oql.Literal(value)}");
        return this;
    }

    /// <summary>Adds <c>attribute IN (…)</c>; an empty set matches nothing.</summary>
    public OqlBuilder WhereIn(string attribute, IEnumerable<object> values) => In(attribute, values, negate: false);

    /// <summary>Adds <c>attribute NOT IN (…)</c>; an empty set excludes nothing.</summary>
    public OqlBuilder WhereNotIn(string attribute, IEnumerable<object> values) => In(attribute, values, negate: true);

    /// <summary>Adds <c>attribute LIKE '%text%'</c> with the text's own <c>%</c> and <c>_</c> kept literal.</summary>
    public OqlBuilder WhereContains(string attribute, string text) =>
        Where(attribute, "LIKE", "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");

    /// <summary>The query.</summary>
    public OqlQuery Build()
    {
        var text = _conditions.Count == 0
            ? $"SELECT {_className}"
            : $"SELECT {_className} WHERE {string.Join(" AND ", _conditions)}";
        return new OqlQuery(_className, text);
    }

    private OqlBuilder In(string attribute, IEnumerable<object> values, bool negate)
    {
        var literals = values.Select(Oql.Literal).ToList();
        OqlNames.EnsureAttribute(attribute);
        if (literals.Count == 0)
            _conditions.Add(negate ? "1 = 1" : "1 = 0");
        else
            _conditions.Add($"{attribute} {(negate ? "NOT IN" : "IN")} ({string.Join(", ", literals)})");
        return this;
    }
}

/// <summary>Validation of class and attribute names, which OQL cannot quote.</summary>
public static class OqlNames
{
    /// <summary>Returns <paramref name="className"/> when it is a valid iTop class name, otherwise throws.</summary>
    public static string EnsureClass(string className) =>
        IsName(className) ? className : throw new ArgumentException($"'{className}' is not a valid iTop class name.", nameof(className));

    /// <summary>Returns <paramref name="attribute"/> when it is a valid attribute code, otherwise throws.</summary>
    public static string EnsureAttribute(string attribute) =>
        IsName(attribute) ? attribute : throw new ArgumentException($"'{attribute}' is not a valid iTop attribute code.", nameof(attribute));

    private static bool IsName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 128 && char.IsAsciiLetter(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
