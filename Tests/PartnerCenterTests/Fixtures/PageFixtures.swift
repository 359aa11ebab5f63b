/// Named JSON fixtures, one per edge case of a referrals page.
enum PageFixtures {
    /// The documented example page (LIST-live), nextLink and all.
    static let documented = #"""
        {
          "@odata.context": "http://api.partner.microsoft.com/v1.0/$metadata#Referrals",
          "@odata.count": 1,
          "value": [
            {
              "id": "c5fbb3b6-be74-4795-9fb5-4324c73fed37",
              "engagementId": "65edc0b5-3485-41b7-a17e-dfa9ef4706e2",
              "createdDateTime": "2020-10-30T21:03:00.0000000Z",
              "status": "New",
              "customerProfile": {
                "name": "Fabrikam Customer Inc",
                "address": { "addressLine1": "One Microsoft Way", "addressLine2": "", "city": "Redmond", "country": "US" }
              },
              "details": {
                "notes": "Can you help?",
                "dealValue": 10000,
                "currency": "USD",
                "requirements": { "industries": [ { "id": "Education" } ], "solutions": [ { "id": "SOL-Microsoft365", "name": "Microsoft365" } ] }
              },
              "links": { "self": { "uri": "https://api.partner.microsoft.com/v1.0/engagements/referrals/c5fb", "method": "GET" } }
            }
          ],
          "@odata.nextLink": "http://api.partner.microsoft.com/v1.0/referrals?$skiptoken=k181pEdP0ykypkieJfcxX"
        }
        """#

    /// Only `id`: everything else missing.
    static let onlyID = #"{"value":[{"id":"a"}]}"#

    /// Every field null.
    static let allNull = #"""
        {"value":[{"id":"b","engagementId":null,"name":null,"createdDateTime":null,"customerProfile":null,
        "consent":null,"details":null,"team":null,"inviteContext":null,"target":null,"status":null}]}
        """#

    /// `dealValue` as a huge number, a string, an exponent and a negative.
    static let dealValues = #"""
        {"value":[
          {"id":"n","details":{"dealValue":12345678901234567.89}},
          {"id":"s","details":{"dealValue":"10000"}},
          {"id":"e","details":{"dealValue":1.5E+3}},
          {"id":"m","details":{"dealValue":-0.001}}
        ]}
        """#

    /// `customerProfile.ids` in its three documented shapes.
    static let customerIDs = #"""
        {"value":[
          {"id":"o","customerProfile":{"name":"A","ids":{}}},
          {"id":"e","customerProfile":{"name":"B","ids":[]}},
          {"id":"a","customerProfile":{"name":"C","ids":[{"profileType":"Duns","id":"795986822"}]}}
        ]}
        """#

    /// Unknown fields at every level, and strings with escapes, unicode and a surrogate pair.
    static let unknownAndEscapes = #"""
        {"value":[ {"id":"u","futureField":{"x":[1,2,{"y":null}]},"name":"Quote \" backslash \\ slash \/ tab\t nl\n é \u00e9 \ud83d\ude00 \u0041",
         "team":[{"firstName":"Sue","contactPreference":{"locale":"en-us","disableNotifications":true},"newThing":1}],
         "inviteContext":{"invitedBy":{"organizationId":"msft","organizationName":"Microsoft"}},
         "target":[{"type":"SolutionProfile","id":"SOL-1"}],
         "consent":{"consentToToShareInfoWithOthers":true,"consentToContact":false}} ]}
        """#

    /// Items that cannot be referrals, between good ones.
    static let undecodable = #"""
        {"value":[
          {"id":"ok1"},
          "just a string",
          {"name":"no id"},
          {"id":42},
          {"id":"t","team":"x"},
          {"id":"d","details":{"dealValue":true}},
          {"id":"c","customerProfile":{"team":[{"firstName":"a"}, 7]}},
          [1,2],
          {"id":"ok2"}
        ]}
        """#

    /// Truncated mid-item.
    static let truncated = #"{"value":[{"id":"a"},{"id":"b","name":"tr"#

    /// Not JSON at all.
    static let notJSON = "<html><body>Service Unavailable</body></html>"

    /// JSON without a `value` array.
    static let noValue = #"{"error":{"code":"generalException","message":"oops"}}"#
}
