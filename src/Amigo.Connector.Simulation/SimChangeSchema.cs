namespace Amigo.Connector.Simulation;

/// <summary>
/// iTop's change tracking (core/cmdbchange.class.inc.php, core/cmdbchangeop.class.inc.php of iTop 3.2): every write is
/// a <c>CMDBChange</c> (date, userinfo, user_id, origin) and one <c>CMDBChangeOp*</c> per attribute it changed, readable
/// through <c>core/get</c> by any profile that may read everything (the connector's Service Desk Agent does).
/// </summary>
internal static class SimChangeSchema
{
    public const string Change = "CMDBChange";
    public const string Op = "CMDBChangeOp";
    public const string Create = "CMDBChangeOpCreate";
    public const string Delete = "CMDBChangeOpDelete";
    public const string SetAttribute = "CMDBChangeOpSetAttribute";
    public const string Scalar = "CMDBChangeOpSetAttributeScalar";
    public const string Html = "CMDBChangeOpSetAttributeHTML";
    public const string CaseLog = "CMDBChangeOpSetAttributeCaseLog";

    public static void AddTo(Dictionary<string, SimClass> classes)
    {
        void Add(SimClass c) => classes[c.Name] = c;
        Add(new SimClass(Change).Date("date").Text("userinfo").Key("user_id", SimAccountSchema.User).Text("origin", "interactive")
            .Computed("friendlyname").KeyDetails("user_id_friendlyname"));
        Add(Base(new SimClass(Op) { IsAbstract = true }));
        Add(Base(new SimClass(Create, Op)));
        Add(Base(new SimClass(Delete, Op)).Text("fclass").Text("fname"));
        Add(Base(new SimClass(SetAttribute, Op) { IsAbstract = true }).Text("attcode"));
        Add(Base(new SimClass(Scalar, SetAttribute)).Text("attcode").Text("oldvalue").Text("newvalue"));
        Add(Base(new SimClass(Html, SetAttribute)).Text("attcode").Text("prevdata"));
        Add(Base(new SimClass(CaseLog, SetAttribute)).Text("attcode").Text("lastentry", "0"));
    }

    // CMDBChangeOp's own attributes, inherited by every operation class.
    private static SimClass Base(SimClass c) =>
        c.Key("change", Change).Ext("date", "change", "date").Ext("userinfo", "change", "userinfo").Ext("user_id", "change", "user_id")
            .Text("objclass").Text("objkey").Computed("finalclass", c.Name).Computed("friendlyname");
}
