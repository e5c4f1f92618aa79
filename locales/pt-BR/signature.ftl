## A assinatura do GO: o estado para o qual ela vale, ou a escrita que a retirou

signature-heading = Aprovação da produção
signature-standing = GO assinado por { $owner } em { $date }.
signature-holds = A assinatura vale para o estado sobre o qual foi dada: a situação de cada item no evento { $event } (hash do estado { $digest }). Qualquer escrita que altere a situação de um item a retira.
signature-holds-empty-chain = A assinatura vale para o estado sobre o qual foi dada, quando a trilha de auditoria ainda não tinha nenhum evento (hash do estado { $digest }). Qualquer escrita que altere a situação de um item a retira.
signature-holds-unrecorded = A assinatura foi dada antes de as assinaturas passarem a registrar o seu estado. Qualquer escrita que altere a situação de um item a retira.
signature-withdrawn-accept = GO assinado por { $owner } em { $date } — retirado no evento { $event }, quando { $actor } aceitou “{ $item }”.
signature-withdrawn-decide = GO assinado por { $owner } em { $date } — retirado no evento { $event }, quando { $actor } registrou a decisão “{ $item }”.
signature-withdrawn-revoke = GO assinado por { $owner } em { $date } — retirado no evento { $event }, quando { $actor } revogou o aceite de “{ $item }”.
signature-withdrawn-probe_passed = GO assinado por { $owner } em { $date } — retirado no evento { $event }, quando um ensaio executado por { $actor } foi aprovado em “{ $item }”.
signature-withdrawn-probe_failed = GO assinado por { $owner } em { $date } — retirado no evento { $event }, quando um ensaio executado por { $actor } foi reprovado em “{ $item }”.
signature-withdrawn-freeze_snapshot = GO assinado por { $owner } em { $date } — retirado no evento { $event }, quando { $actor } congelou um snapshot do cenário que alterou “{ $item }”.
signature-withdrawn-unknown = GO assinado por { $owner } em { $date } — retirado no evento { $event } por { $actor }, que alterou “{ $item }”.
signature-withdrawn-detail = Uma assinatura retirada não conta mais: a produção continua em NO-GO até que a direção-geral assine o GO novamente sobre o estado atual.
signature-lapsed = GO assinado por { $owner } em { $date } — não vale mais: o estado sobre o qual foi dado mudou fora dos formulários do console.
signature-lapsed-detail = A produção continua em NO-GO. Quando todos os pontos de controle voltarem a ficar verdes, a direção-geral assina novamente.
signature-badge-standing = Vigente
signature-badge-withdrawn = Retirada
signature-badge-lapsed = Não vale mais
signature-event-withdrew = retirou a assinatura do GO
signature-confirm-warning = O GO da produção foi assinado por { $owner }. Esta alteração retira essa assinatura: a produção volta a NO-GO até que o GO seja assinado novamente.
signature-confirm-warning-run = O GO da produção foi assinado por { $owner }. Se esta execução alterar a situação de algum item, ela retira essa assinatura: a produção volta a NO-GO até que o GO seja assinado novamente.
signature-confirm-warning-freeze = O GO da produção foi assinado por { $owner }. Se este snapshot alterar a situação de algum item, congelá-lo retira essa assinatura: a produção volta a NO-GO até que o GO seja assinado novamente.
signature-confirm-label = Estou ciente: retirar a assinatura do GO
signature-confirm-required = Esta alteração retiraria a assinatura do GO. Marque a confirmação para continuar; nada foi salvo.
signoff-stale = O estado mudou depois que este formulário foi exibido. Confira a decisão como está agora e assine novamente; nada foi assinado.

## Uma segunda assinatura: um programa pode exigir o GO de vários diretores-gerais distintos

signature-count = { $signed } de { $required } assinaturas
signature-badge-partial = Assinado em parte
signature-partial = A produção continua em NO-GO até que { $missing ->
        [one] mais um diretor-geral assine
       *[other] mais { $missing } diretores-gerais assinem
    } GO sobre este mesmo estado.
signature-signer = { $owner } assinou GO em { $date }
signoff-you-signed = Você assinou GO em { $date }: { $signed } de { $required } assinaturas. Agora assina outro diretor-geral; você ainda pode registrar NO-GO.
signoff-cosign = Há { $signed } de { $required } assinaturas. Seu GO assina o mesmo estado que as deles; { $missing ->
        [one] com ele a aprovação se completa.
       *[other] ainda faltam { $missing } assinaturas.
    }
signoff-already-signed = Você já assinou GO sobre este estado, e a assinatura de uma pessoa conta uma só vez. Outro diretor-geral precisa assinar; nada foi assinado.
notice-signed_partial_go = Sua assinatura de GO foi registrada. A produção aguarda as demais assinaturas que o programa exige.
programme-error-signatures-out-of-range = A aprovação exige { $found } assinaturas: um programa exige de 1 a { $max } assinaturas de GO.
