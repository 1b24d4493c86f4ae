namespace Amigo.Plugins.Reassignment.Tests.Integration;

/// <summary>Toulouse settings used by the integration tests.</summary>
internal static class Settings
{
    public const string MplRuleName = "Établissements de Montpellier";

    public static string MontpellierRule(bool acceptUnchecked = false, bool excludeTarget = true, bool allowAssigned = false, string extraRules = "") => $$"""
        {
          "reassign": {
            "AcceptUncheckedUai": {{(acceptUnchecked ? "true" : "false")}},
            "Rules": [
              {
                "Name": "{{MplRuleName}}",
                "StatusGroups": [ "Open" ],
                "EstablishmentAcademies": [ "montpellier" ],
                {{(excludeTarget ? "\"TeamNotIn\": [ \"DSI Plateforme Assistance MPL\" ]," : "")}}
                "AllowAssigned": {{(allowAssigned ? "true" : "false")}},
                "TargetTeam": "DSI Plateforme Assistance MPL"
              }{{extraRules}}
            ]
          }
        }
        """;

    public const string NormandieTransfer = """
        {
          "reassign": {
            "Rules": [
              {
                "Name": "Établissements de Normandie",
                "EstablishmentAcademies": [ "normandie" ],
                "TargetTeam": "Équipe support Académie de Normandie",
                "TransferToAcademy": "normandie"
              },
              {
                "Name": "Établissements de Montpellier",
                "EstablishmentAcademies": [ "montpellier" ],
                "TeamNotIn": [ "DSI Plateforme Assistance MPL" ],
                "TargetTeam": "DSI Plateforme Assistance MPL"
              }
            ]
          }
        }
        """;
}
