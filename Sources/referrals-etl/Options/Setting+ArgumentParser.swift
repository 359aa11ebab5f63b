import ArgumentParser
import ReferralsPipeline

extension Setting {
    /// The setting's long flag, for `@Option(name:)`.
    var optionName: NameSpecification { .customLong(flag ?? key ?? "") }

    /// The setting's help with its default and environment variable, for `@Option(help:)`.
    var argumentHelp: ArgumentHelp { ArgumentHelp(flagHelp, valueName: valueName) }
}
