import PartnerCenter

extension Referral {
    /// The items of one of the four requirement arrays (empty when absent).
    func requirementTags(_ kind: RequirementKind) -> [Tag] {
        let requirements = details?.requirements
        switch kind {
        case .industry: return requirements?.industries ?? []
        case .product: return requirements?.products ?? []
        case .service: return requirements?.services ?? []
        case .solution: return requirements?.solutions ?? []
        }
    }
}
