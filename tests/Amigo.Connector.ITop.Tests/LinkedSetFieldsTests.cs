namespace Amigo.Connector.ITop.Tests;

/// <summary>Linked sets (e.g. a user's profiles) are written whole, never as a case log.</summary>
public sealed class LinkedSetFieldsTests
{
    [Fact]
    public void A_linked_set_is_sent_as_an_array_of_link_objects()
    {
        var link = new JObject { ["profileid"] = new JObject { ["name"] = "Portal user" } };
        var json = new ITopFields().Set("login", "jdupont").SetLinkedSet("profile_list", [link]).ToJson();

        var items = Assert.IsType<JArray>(json["profile_list"]);
        Assert.Equal("Portal user", (string?)items.Single()["profileid"]!["name"]);
        link["profileid"]!["name"] = "Administrator"; // a later change of the caller's object must not leak into the write
        Assert.Equal("Portal user", (string?)json["profile_list"]![0]!["profileid"]!["name"]);
    }

    [Fact]
    public void A_case_log_cannot_be_replaced_through_a_linked_set()
    {
        var items = new[] { new JObject { ["message"] = "replaced" } };
        Assert.Throws<ArgumentException>(() => new ITopFields().SetLinkedSet("public_log", items));
        Assert.Throws<ArgumentException>(() => new ITopFields().SetLinkedSet("bad name'", items));
    }
}
