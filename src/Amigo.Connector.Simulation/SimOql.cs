namespace Amigo.Connector.Simulation;

/// <summary>
/// The OQL subset the simulation understands: <c>SELECT C [AS a] [JOIN D AS b ON a.k = b.id] [WHERE …]</c> with
/// =, !=, &lt;, &lt;=, &gt;, &gt;=, LIKE, NOT LIKE, IN, NOT IN, AND, OR and parentheses. Strings follow iTop's lexer:
/// quoted with ' or ", a backslash escapes the next character. Comparisons follow MariaDB's utf8mb4_unicode_ci
/// (case and accent insensitive). Functions such as NOW() are refused: the connector must send literals.
/// </summary>
internal sealed class SimOql
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _position;

    private SimOql(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    public required string ClassName { get; init; }

    public required Func<SimObject, ITopSimulationStore, bool> Predicate { get; init; }

    public static SimOql Parse(string text, ITopSimulationStore store)
    {
        var parser = new SimOql(text) { ClassName = "", Predicate = (_, _) => true };
        return parser.ParseQuery(store);
    }

    private SimOql ParseQuery(ITopSimulationStore store)
    {
        ExpectWord("SELECT");
        var className = ExpectName();
        if (!store.IsClass(className))
            throw Fail($"Unknown class '{className}'", "OqlNormalizeException");
        var aliases = new Dictionary<string, Alias>(StringComparer.Ordinal) { [className] = new Alias(className, null) };
        var main = className;
        if (PeekWord("AS"))
        {
            _position++;
            main = ExpectName();
            aliases[main] = new Alias(className, null);
        }
        while (PeekWord("JOIN"))
        {
            _position++;
            var joined = ExpectName();
            var alias = joined;
            if (PeekWord("AS"))
            {
                _position++;
                alias = ExpectName();
            }
            ExpectWord("ON");
            var left = ParseField();
            Expect("=");
            var right = ParseField();
            var (mainSide, otherSide) = left.Alias == alias ? (right, left) : (left, right);
            if (otherSide.Attribute != "id" || (mainSide.Alias != null && mainSide.Alias != main))
                throw Fail("Only joins 'main.key = other.id' are simulated", "OQLParserSyntaxErrorException");
            aliases[alias] = new Alias(joined, mainSide.Attribute);
        }
        Func<SimObject, ITopSimulationStore, bool> predicate = (_, _) => true;
        if (PeekWord("WHERE"))
        {
            _position++;
            var condition = ParseOr(new Scope(className, main, aliases, store));
            predicate = condition;
        }
        if (_position != _tokens.Count)
            throw Fail($"Unexpected token {_tokens[_position].Text}", "OQLParserSyntaxErrorException");
        return new SimOql(_text) { ClassName = className, Predicate = predicate };
    }

    private Func<SimObject, ITopSimulationStore, bool> ParseOr(Scope scope)
    {
        var left = ParseAnd(scope);
        while (PeekWord("OR"))
        {
            _position++;
            var l = left;
            var r = ParseAnd(scope);
            left = (o, s) => l(o, s) || r(o, s);
        }
        return left;
    }

    private Func<SimObject, ITopSimulationStore, bool> ParseAnd(Scope scope)
    {
        var left = ParseCondition(scope);
        while (PeekWord("AND"))
        {
            _position++;
            var l = left;
            var r = ParseCondition(scope);
            left = (o, s) => l(o, s) && r(o, s);
        }
        return left;
    }

    private Func<SimObject, ITopSimulationStore, bool> ParseCondition(Scope scope)
    {
        if (Peek("("))
        {
            _position++;
            var inner = ParseOr(scope);
            Expect(")");
            return inner;
        }
        var left = ParseOperand(scope);
        if (PeekWord("NOT") && _position + 1 < _tokens.Count && _tokens[_position + 1].IsWord("IN"))
        {
            _position += 2;
            var values = ParseList(scope);
            return (o, s) => !values.Any(v => Compare(left(o, s), v(o, s)) == 0);
        }
        if (PeekWord("IN"))
        {
            _position++;
            var values = ParseList(scope);
            return (o, s) => values.Any(v => Compare(left(o, s), v(o, s)) == 0);
        }
        var negate = false;
        if (PeekWord("NOT"))
        {
            _position++;
            negate = true;
            if (!PeekWord("LIKE")) throw Fail("Expecting LIKE or IN after NOT", "OQLParserSyntaxErrorException");
        }
        if (PeekWord("LIKE"))
        {
            _position++;
            var pattern = ParseOperand(scope);
            return (o, s) => Like(left(o, s), pattern(o, s)) != negate;
        }
        if (_position >= _tokens.Count)
            throw Fail(EndOfInput, "OQLParserSyntaxErrorException");
        var op = _tokens[_position++].Text;
        if (op is not ("=" or "!=" or "<>" or "<" or "<=" or ">" or ">="))
            throw Fail($"Unexpected token {op}", "OQLParserSyntaxErrorException");
        var right = ParseOperand(scope);
        return op switch
        {
            "=" => (o, s) => Compare(left(o, s), right(o, s)) == 0,
            "!=" or "<>" => (o, s) => Compare(left(o, s), right(o, s)) != 0,
            "<" => (o, s) => Compare(left(o, s), right(o, s)) < 0,
            "<=" => (o, s) => Compare(left(o, s), right(o, s)) <= 0,
            ">" => (o, s) => Compare(left(o, s), right(o, s)) > 0,
            _ => (o, s) => Compare(left(o, s), right(o, s)) >= 0,
        };
    }

    private List<Func<SimObject, ITopSimulationStore, string?>> ParseList(Scope scope)
    {
        Expect("(");
        var values = new List<Func<SimObject, ITopSimulationStore, string?>> { ParseOperand(scope) };
        while (Peek(","))
        {
            _position++;
            values.Add(ParseOperand(scope));
        }
        Expect(")");
        return values;
    }

    private Func<SimObject, ITopSimulationStore, string?> ParseOperand(Scope scope)
    {
        if (_position >= _tokens.Count) throw Fail(EndOfInput, "OQLParserSyntaxErrorException");
        var token = _tokens[_position];
        switch (token.Kind)
        {
            case TokenKind.String or TokenKind.Number:
                _position++;
                return (_, _) => token.Text;
            case TokenKind.Word when token.IsWord("NULL"):
                _position++;
                return (_, _) => null;
            case TokenKind.Word when _position + 1 < _tokens.Count && _tokens[_position + 1].Text == "(":
                throw Fail($"Function {token.Text}() is not simulated: compute dates in the connector and send literals", "OQLParserSyntaxErrorException");
            case TokenKind.Word:
                var field = ParseField();
                return scope.Bind(field, this);
            default:
                throw Fail($"Unexpected token {token.Text}", "OQLParserSyntaxErrorException");
        }
    }

    private FieldRef ParseField()
    {
        var first = ExpectName();
        if (!Peek(".")) return new FieldRef(null, first);
        _position++;
        return new FieldRef(first, ExpectName());
    }

    // iTop's parser reports the end of the query as token value '0' at column 0 (recording 45, checked on the lab).
    private string EndOfInput => $"Unexpected token End of Input - found '0' at 0 in '{_text}'";

    internal SimError Fail(string detail, string exceptionClass) =>
        new(100, $"Error: Query failed to execute: query = {_text}, exception_class = {exceptionClass}, exception_message = {(detail.Contains(" in '", StringComparison.Ordinal) ? detail : $"{detail} in '{_text}'")}");

    private static int Compare(string? left, string? right)
    {
        if (left is null || right is null) return left is null && right is null ? 0 : left is null ? -1 : 1;
        if (decimal.TryParse(left, NumberStyles.Number, CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(right, NumberStyles.Number, CultureInfo.InvariantCulture, out var b))
            return a.CompareTo(b);
        return CultureInfo.InvariantCulture.CompareInfo.Compare(left, right, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace);
    }

    private static bool Like(string? value, string? pattern)
    {
        if (value is null || pattern is null) return false;
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length) regex.Append(Regex.Escape(Fold(pattern[++i].ToString())));
            else if (c == '%') regex.Append(".*");
            else if (c == '_') regex.Append('.');
            else regex.Append(Regex.Escape(Fold(c.ToString())));
        }
        return Regex.IsMatch(Fold(value), regex.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(char.ToLowerInvariant(c));
        return builder.ToString();
    }

    private bool Peek(string text) => _position < _tokens.Count && _tokens[_position].Kind == TokenKind.Symbol && _tokens[_position].Text == text;

    private bool PeekWord(string word) => _position < _tokens.Count && _tokens[_position].IsWord(word);

    private void Expect(string symbol)
    {
        if (!Peek(symbol)) throw Fail(_position < _tokens.Count ? $"Unexpected token {_tokens[_position].Text}" : EndOfInput, "OQLParserSyntaxErrorException");
        _position++;
    }

    private void ExpectWord(string word)
    {
        if (!PeekWord(word)) throw Fail($"Expecting {word}", "OQLParserSyntaxErrorException");
        _position++;
    }

    private string ExpectName()
    {
        if (_position >= _tokens.Count || _tokens[_position].Kind != TokenKind.Word)
            throw Fail(_position < _tokens.Count ? $"Unexpected token {_tokens[_position].Text}" : EndOfInput, "OQLParserSyntaxErrorException");
        return _tokens[_position++].Text;
    }

    private List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '\'' or '"')
            {
                var value = new StringBuilder();
                var j = i + 1;
                while (true)
                {
                    if (j >= text.Length) throw Fail("Syntax error: unterminated string", "OQLLexerException");
                    if (text[j] == '\\' && j + 1 < text.Length) { value.Append(text[j + 1]); j += 2; continue; }
                    if (text[j] == c) break;
                    value.Append(text[j++]);
                }
                tokens.Add(new Token(TokenKind.String, value.ToString()));
                i = j + 1;
                continue;
            }
            if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && (tokens.Count == 0 || tokens[^1].Kind == TokenKind.Symbol)))
            {
                var j = i + 1;
                while (j < text.Length && (char.IsAsciiDigit(text[j]) || text[j] == '.')) j++;
                tokens.Add(new Token(TokenKind.Number, text[i..j]));
                i = j;
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var j = i + 1;
                while (j < text.Length && (char.IsAsciiLetterOrDigit(text[j]) || text[j] == '_')) j++;
                tokens.Add(new Token(TokenKind.Word, text[i..j]));
                i = j;
                continue;
            }
            var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
            if (two is "!=" or "<=" or ">=" or "<>")
            {
                tokens.Add(new Token(TokenKind.Symbol, two));
                i += 2;
                continue;
            }
            if (c is '=' or '<' or '>' or '(' or ')' or ',' or '.')
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString()));
                i++;
                continue;
            }
            throw Fail($"Syntax error: unexpected input '{c}'", "OQLLexerException");
        }
        return tokens;
    }

    private enum TokenKind { Word, String, Number, Symbol }

    private sealed record Token(TokenKind Kind, string Text)
    {
        public bool IsWord(string word) => Kind == TokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
    }

    private sealed record FieldRef(string? Alias, string Attribute);

    private sealed record Alias(string ClassName, string? ViaKey);

    private sealed record Scope(string ClassName, string MainAlias, Dictionary<string, Alias> Aliases, ITopSimulationStore Store)
    {
        public Func<SimObject, ITopSimulationStore, string?> Bind(FieldRef field, SimOql parser)
        {
            var alias = field.Alias is null ? Aliases[MainAlias] : Aliases.GetValueOrDefault(field.Alias)
                ?? throw parser.Fail($"Unknown class alias '{field.Alias}'", "OqlNormalizeException");
            var cls = Store.Class(alias.ClassName);
            if (field.Attribute != "id" && !cls.TryGet(field.Attribute, out _))
                throw parser.Fail(
                    $"Unknown filter code - found '{field.Attribute}' at {parser._text.IndexOf(field.Attribute, StringComparison.Ordinal)} in '{parser._text}', expecting {{{string.Join(", ", cls.Codes)}}}",
                    "OqlNormalizeException");
            if (alias.ViaKey is null)
                return (o, s) => ITopSimulationStore.TextOf(s.Resolve(o, field.Attribute));
            var via = alias.ViaKey;
            var targetClass = alias.ClassName;
            return (o, s) =>
            {
                var key = ITopSimulationStore.TextOf(s.Resolve(o, via));
                var target = long.TryParse(key, out var id) && id > 0 ? s.Find(targetClass, id) : null;
                return target is null ? null : ITopSimulationStore.TextOf(s.Resolve(target, field.Attribute));
            };
        }
    }
}
