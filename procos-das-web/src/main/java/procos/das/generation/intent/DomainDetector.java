package procos.das.generation.intent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells an intent's business domain from its lemmas, with a small weighted lexicon per domain: a
 * word that only one domain uses weighs 3, one that leans to a domain 2, a hint 1. Below
 * {@link #MIN_SCORE} nothing is clear enough and the domain is {@code general}.
 */
final class DomainDetector {

    static final String GENERAL = "general";
    static final int MIN_SCORE = 3;

    private static final Map<String, Map<String, Integer>> LEXICON = new LinkedHashMap<>();

    static {
        LEXICON.put("orders", weights(
                "order 3 stock 3 shipment 3 ship 2 warehouse 3 delivery 2 deliver 2 parcel 3 package 2 cart 3 "
                        + "checkout 3 courier 3 carrier 2 refund 2 return 1 item 2 product 2 customer 1 shop 3 "
                        + "inventory 2 purchase 1 pack 2 tracking 3 label 1"));
        LEXICON.put("hr", weights(
                "employee 1 candidate 3 hire 3 hiring 3 onboarding 3 onboard 3 offboarding 3 interview 3 "
                        + "recruiter 3 recruitment 3 vacancy 3 leave 2 vacation 3 holiday 1 salary 2 payroll 2 "
                        + "contract 1 applicant 2 resume 3 cv 3 hr 3 staff 2 training 1 probation 3 colleague 1 "
                        + "manager 1 resignation 3 appraisal 3 contractor 2"));
        LEXICON.put("finance", weights(
                "invoice 3 payment 2 pay 1 expense 3 reimbursement 3 reimburse 3 budget 3 ledger 3 accounting 3 "
                        + "accountant 3 tax 2 vat 3 cfo 3 finance 3 audit 2 credit 2 loan 3 bank 2 transaction 2 "
                        + "receipt 2 purchase 1 supplier 1 vendor 2 cost 2 amount 2 euro 2 dollar 2 refund 1 "
                        + "bookkeeping 3 controller 2 rate 2 exchange 1"));
        LEXICON.put("it_operations", weights(
                "server 3 incident 3 outage 3 deployment 3 deploy 3 backup 3 database 2 alert 3 patch 3 log 2 "
                        + "monitoring 3 password 3 access 1 ticket 2 helpdesk 3 engineer 2 on-call 3 cpu 3 disk 3 "
                        + "restart 3 release 2 rollback 3 vulnerability 3 firewall 3 vpn 3 laptop 2 account 1 "
                        + "cluster 3 service 1 ops 3 devops 3 pipeline 2 test 1 build 1 api 1"));
        LEXICON.put("healthcare", weights(
                "patient 3 doctor 3 nurse 3 physician 3 appointment 2 prescription 3 lab 3 diagnosis 3 "
                        + "treatment 3 clinic 3 hospital 3 medication 3 referral 3 symptom 3 triage 3 admission 2 "
                        + "discharge 3 ward 3 pharmacy 3 blood 3 allergy 3 vaccine 3 insurance 1 consent 2"));
        LEXICON.put("public_administration", weights(
                "citizen 3 permit 3 licence 3 license 2 municipality 3 council 3 authority 2 passport 3 "
                        + "registration 2 register 1 benefit 2 application 1 applicant 1 resident 3 clerk 2 "
                        + "ministry 3 official 2 public 2 certificate 2 fee 1 inspection 1 zoning 3 building 1 "
                        + "social 1 agency 2 office 1 fine 1 tax 1 id 2 birth 3 marriage 3"));
        LEXICON.put("manufacturing", weights(
                "machine 3 production 3 batch 3 assembly 3 assemble 3 defect 3 maintenance 3 plant 3 "
                        + "factory 3 shift 2 material 2 raw 2 part 2 component 2 quality 2 line 1 operator 2 "
                        + "tool 1 calibration 3 calibrate 3 sensor 3 scrap 3 rework 3 lot 2 supplier 1 inspect 1 "
                        + "inspection 2 welding 3 mould 3 mold 3 conveyor 3"));
    }

    private static Map<String, Integer> weights(String pairs) {
        String[] parts = pairs.trim().split("\\s+");
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (int i = 0; i + 1 < parts.length; i += 2) {
            weights.put(parts[i], Integer.parseInt(parts[i + 1]));
        }
        return weights;
    }

    /** The domain whose words weigh most in the lemmas, or {@code general}. */
    String detect(List<String> lemmas) {
        String bestDomain = GENERAL;
        int bestScore = 0;
        for (Map.Entry<String, Map<String, Integer>> domain : LEXICON.entrySet()) {
            int score = 0;
            for (String lemma : lemmas) {
                score += domain.getValue().getOrDefault(lemma, 0);
            }
            if (score > bestScore) {
                bestScore = score;
                bestDomain = domain.getKey();
            }
        }
        return bestScore >= MIN_SCORE ? bestDomain : GENERAL;
    }
}
