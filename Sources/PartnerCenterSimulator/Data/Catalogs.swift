/// The documented enums and requirement catalogs (reference §1.2), and the pools the generator draws names from.
enum Catalogs {
    /// Status → allowed substatuses (the documented transition table's third column).
    static let substatuses: [String: [String]] = [
        "New": ["Pending", "Received"],
        "Active": ["Accepted"],
        "Closed": ["Won", "Lost", "Declined", "Expired"],
    ]
    /// Status → statuses it may move to.
    static let transitions: [String: [String]] = [
        "New": ["New", "Active", "Closed"],
        "Active": ["Active", "Closed"],
        "Closed": ["Closed"],
    ]
    static let types = ["Independent", "Shared"]
    static let qualifications = ["None", "Direct", "MarketingQualified", "SalesQualified"]
    static let directions = ["Incoming", "Outgoing"]
    static let sizes = [
        "1to50employees", "51to500employees", "Morethan500employees", "1to9employees", "10to50employees",
        "51to250employees", "251to1000employees", "1001to5000employees", "5001to10000employees",
        "10001to20000employees", "Morethan20000employees",
    ]
    static let products = [
        "Azure", "EnterpriseMobilityAndSecurity", "Exchange", "DeveloperTools", "Dynamics365Business",
        "Dynamics365Enterprise", "DynamicsAX,GP,NAV,SL", "Microsoft365", "Office", "PowerBI", "Project", "SharePoint",
        "SkypeForBusiness", "Surface", "SurfaceHub", "SQL", "Teams", "Visio", "Windows", "Yammer",
    ]
    static let services = [
        "ConsultingAndProfessional", "CustomSolution(ISV)", "DeploymentOrMigration", "Hardware", "Integration",
        "IPServices(ISV)", "LearningAndCertification", "Licensing", "ManagedServices", "ProjectServices",
    ]
    static let industries = [
        "Agriculture, Forestry, & Fishing", "Communications & Media", "Education", "Financial Services", "Government",
        "Healthcare", "Hospitality", "Manufacturing", "Power & Utilities", "Public Safety and National Security",
        "Retail & Consumer Goods", "Services", "Travel & Transportation", "Wholesale & Distribution",
    ]
    /// Legacy `Category` solution ids (reference §1.2) with their display names, written out: the ids glue words
    /// together ("DynamicsonAzure"), so no rule recovers the names.
    static let categorySolutions: [(id: String, name: String)] = [
        ("AdvancedAnalytics", "Advanced Analytics"),
        ("ApplicationIntegration", "Application Integration"),
        ("ArtificialIntelligence", "Artificial Intelligence"),
        ("AzureSecurityOperationManagement", "Azure Security Operation Management"),
        ("AzureStack", "Azure Stack"),
        ("BackupDisasterRecovery", "Backup and Disaster Recovery"),
        ("BigData", "Big Data"),
        ("Blockchain", "Blockchain"),
        ("Chatbot", "Chatbot"),
        ("CloudDatabaseMigration", "Cloud Database Migration"),
        ("CloudMigration", "Cloud Migration"),
        ("CloudVoice", "Cloud Voice"),
        ("CognitiveServices", "Cognitive Services"),
        ("CompetitiveDatabaseMigration", "Competitive Database Migration"),
        ("Containers", "Containers"),
        ("DataWarehouse", "Data Warehouse"),
        ("DatabaseonLinux", "Database on Linux"),
        ("DevelopmentandTest", "Development and Test"),
        ("DevOps", "DevOps"),
        ("DigitalMedia", "Digital Media"),
        ("Dynamics365forCustomerService", "Dynamics 365 for Customer Service"),
        ("Dynamics365forFieldService", "Dynamics 365 for Field Service"),
        ("Dynamics365forFinanceOperations", "Dynamics 365 for Finance and Operations"),
        ("Dynamics365forRetail", "Dynamics 365 for Retail"),
        ("Dynamics365forSales", "Dynamics 365 for Sales"),
        ("Dynamics365forTalent", "Dynamics 365 for Talent"),
        ("DynamicsonAzure", "Dynamics on Azure"),
        ("EnterpriseBusinessIntelligence", "Enterprise Business Intelligence"),
        ("Gaming", "Gaming"),
        ("HighPerformanceComputing", "High Performance Computing"),
        ("HybridStorage", "Hybrid Storage"),
        ("IdentityandAccessManagement", "Identity and Access Management"),
        ("InformationManagement", "Information Management"),
        ("InternetofThings", "Internet of Things"),
        ("MachineLearning", "Machine Learning"),
        ("Microserviceapplications", "Microservice Applications"),
        ("MobileApplications", "Mobile Applications"),
        ("MySQLPostgresMigrationtoAzure", "MySQL and PostgreSQL Migration to Azure"),
        ("Networking", "Networking"),
        ("NoSQLMigration", "NoSQL Migration"),
        ("RedhatonAzure", "Red Hat on Azure"),
        ("RegulatoryComplianceGDPR", "Regulatory Compliance (GDPR)"),
        ("SAPonAzure", "SAP on Azure"),
        ("ServerlessComputing", "Serverless Computing"),
        ("SharepointonAzure", "SharePoint on Azure"),
        ("SQLServerUpgrade", "SQL Server Upgrade"),
        ("ThreatProtection", "Threat Protection"),
        ("WebDevelopment", "Web Development"),
    ]
    /// Newer `Name` solutions (third-party, with a publisher): id, name, publisher.
    static let namedSolutions: [(String, String, String)] = [
        ("SOL-15974-MQF", "Contoso Field App", "Contoso Partner Ltd"),
        ("SOL-Microsoft365", "Microsoft365", "Microsoft"),
        ("SOL-20411-ZRT", "Fabrikam Données Analytiques", "Fabrikam Édition"),
        ("SOL-31877-KQA", "Northwind 受注管理", "Northwind Traders KK"),
        ("SOL-42018-BXP", "Tailspin Flight Ops 🚀", "Tailspin Toys"),
    ]

    /// Countries (2-letter ISO 3166) with a city, state and postal code each, some non-ASCII.
    static let places: [(country: String, city: String, state: String, postal: String, region: String)] = [
        ("US", "Redmond", "WA", "98052", "Washington"), ("US", "Austin", "TX", "73301", "Texas"),
        ("CA", "Montréal", "QC", "H2X 1Y4", "Québec"), ("MX", "Ciudad de México", "CDMX", "06000", "CDMX"),
        ("BR", "São Paulo", "SP", "01310-000", "São Paulo"), ("AR", "Córdoba", "X", "5000", "Córdoba"),
        ("GB", "London", "", "EC1A 1BB", "England"), ("IE", "Dublin", "", "D02 X285", "Leinster"),
        ("DE", "München", "BY", "80331", "Bayern"), ("AT", "Wien", "", "1010", "Wien"),
        ("CH", "Zürich", "ZH", "8001", "Zürich"), ("FR", "Orléans", "", "45000", "Centre-Val de Loire"),
        ("ES", "Málaga", "", "29001", "Andalucía"), ("PT", "Lisboa", "", "1100-148", "Lisboa"),
        ("IT", "Milano", "MI", "20121", "Lombardia"), ("NL", "Utrecht", "", "3511", "Utrecht"),
        ("SE", "Göteborg", "", "411 01", "Västra Götaland"), ("NO", "Tromsø", "", "9008", "Troms"),
        ("DK", "Aarhus", "", "8000", "Midtjylland"), ("PL", "Łódź", "", "90-001", "Łódzkie"),
        ("TR", "İstanbul", "", "34000", "İstanbul"), ("JP", "東京", "東京都", "100-0001", "関東"),
        ("KR", "서울", "", "04524", "서울특별시"), ("CN", "上海", "上海市", "200000", "华东"),
        ("IN", "Bengaluru", "KA", "560001", "Karnataka"), ("SG", "Singapore", "", "018956", "Singapore"),
        ("AU", "Sydney", "NSW", "2000", "New South Wales"), ("NZ", "Auckland", "", "1010", "Auckland"),
        ("ZA", "Johannesburg", "GT", "2001", "Gauteng"), ("AE", "Dubai", "", "00000", "Dubai"),
        ("IL", "Tel Aviv", "", "61000", "Tel Aviv"), ("EG", "Cairo", "", "11511", "Cairo"),
    ]
    static let currencies = ["USD", "USD", "USD", "EUR", "GBP", "JPY", "CAD", "AUD", "INR", "BRL", "CHF"]
    static let firstNames = [
        "John", "Sue", "Ana", "Jürgen", "Zoë", "Björn", "Chloé", "José", "Ærin", "Mei", "Hiroshi", "Priya", "Olu",
        "Łukasz", "Søren", "Noël", "Fatima", "Ji-woo", "Dmitri", "Renée", "太郎", "Émile", "Nuño", "Siân",
    ]
    static let lastNames = [
        "Doe", "Smith", "García", "Müller", "Ødegaard", "Nakamura", "Patel", "O'Brien", "Kowalski", "Dubois",
        "Nguyễn", "Okafor", "Šimić", "Ivanova", "佐藤", "Kim", "Fernández", "Johansson", "Lefèvre", "Brontë",
    ]
    static let locales = ["en-US", "en-us", "de-DE", "fr-FR", "ja-JP", "pt-BR", "es-ES", "en-GB"]
    static let companyStems = [
        "Fabrikam", "Contoso", "Northwind", "Tailspin", "Wingtip", "Adventure Works", "Litware", "Proseware",
        "Woodgrove", "Alpine Ski", "Lucerne", "Trey Research", "Coho Winery", "Fourth Coffee", "Margie's Travel",
        "Bellows College", "Humongous", "Relecloud", "Wide World Importers", "Blue Yonder", "Café Olé",
        "Grüne Energie", "Société Générale de Test", "株式会社サンプル", "Ñandú Logística", "Smørrebrød & Co",
    ]
    static let companySuffixes = ["Inc", "Ltd", "GmbH", "S.A.", "KK", "AG", "LLC", "Pty Ltd", "BV", "AB", "Oy", "plc"]
    static let noteSentences = [
        "Customer wants Dynamics 365 for supply chain plus custom apps.",
        "We are interested in deploying Microsoft 365 and are looking for support in training our employees.",
        "Der Kunde möchte seine Rechenzentren bis Ende des Geschäftsjahres nach Azure migrieren.",
        "Le client souhaite une réunion la semaine prochaine — préférence pour le mardi.",
        "お客様は来月までに Teams の導入を完了したいとのことです。",
        "Cliente pide cotización para licencias y servicios gestionados; presupuesto aprobado ✅",
        "Follow-up call scheduled 🚀 — bring the solution architect.",
        "Need a \"proof of concept\" with <SSO> & MFA; see attached notes\\drafts.",
        "Budget: 50k–75k; decision maker is the CFO. Timeline tight ⏱️.",
        "Kunde wünscht Schulung für 200 Mitarbeiter — Zürich & Genève.",
        "客户希望在第三季度之前完成数据仓库迁移。",
        "Line one.\nLine two with a tab\tand a carriage return.\r\nEnd.",
    ]
    static let statusReasons = [
        "Lost to competitor", "Budget not approved", "Customer unresponsive", "Not a fit for our offerings",
        "Duplicate referral", "Timeline changed — revisit next year", "Expired without response",
    ]
}
