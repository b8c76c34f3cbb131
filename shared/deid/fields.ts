/**
 * What a record field holds, judged by its name. A field known to hold an identifier is replaced
 * whole, whatever its value looks like; other fields are searched like free text. Names are
 * folded (case, width, spaces, underscores, hyphens) before they are compared.
 */
import type { IdentifierType } from './types';

export type FieldRules = Partial<Record<IdentifierType, readonly RegExp[]>>;

export const defaultFieldRules: FieldRules = {
  NAME: [
    /^(?:patient|pt|person|subject|first|last|given|family|sur|full|middle|maiden|nick)?name$/,
    /^(?:patient|pt)(?:full)?name$/,
    /^(?:name)(?:first|last|full)$/,
    /^(?:attending|physician|doctor|nurse|provider|caregiver|contact|emergencycontact|guardian|kin|nextofkin)(?:name)?$/,
    /^(?:患者|病人|就诊人|联系人|家属|监护人|紧急联系人)?(?:姓名|名字)$/,
    /^(?:主治|经治|住院|门诊|责任|主管)?(?:医生|医师|护士)(?:姓名|签名)?$/,
  ],
  MRN: [
    /^(?:mrn|medicalrecord(?:number|no)?|recordno|hospitalno|patientid|patientno|subjectid|hadmid|encounterid|visitid|caseno)$/,
    /^(?:病案号|住院号|门诊号|病历号|就诊号|登记号|就诊卡号|患者id|患者编号|病人id|病人编号|住院流水号)$/,
  ],
  PHONE: [
    /^(?:phone|telephone|tel|mobile|cell|fax|contactphone|phonenumber|mobilephone)(?:no|number)?$/,
    /^(?:联系)?(?:电话|手机|手机号|手机号码|电话号码|联系方式|传真)$/,
  ],
  EMAIL: [/^(?:e?mail|emailaddress)$/, /^(?:电子邮箱|邮箱|电子邮件)$/],
  ID: [
    /^(?:idcard|idcardno|idnumber|nationalid|residentid|ssn|socialsecuritynumber)$/,
    /^(?:身份证|身份证号|身份证号码|证件号|证件号码)$/,
  ],
  ADDRESS: [
    /^(?:home|street|mailing|residential|current)?(?:address|addr)(?:line\d?)?$/,
    /^(?:家庭|现|户籍|居住|联系)?(?:住址|地址)$/,
  ],
};

export function foldFieldName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.:：]+/g, '');
}

/** The identifier a field holds by its name, or null for an ordinary field. */
// An export asks about the same few field names for every record; rules objects are long-lived.
const classified = new WeakMap<FieldRules, Map<string, IdentifierType | null>>();

export function classifyField(
  name: string,
  rules: FieldRules = defaultFieldRules,
): IdentifierType | null {
  let known = classified.get(rules);
  if (!known) {
    known = new Map();
    classified.set(rules, known);
  }
  const cached = known.get(name);
  if (cached !== undefined) return cached;
  const folded = foldFieldName(name);
  let result: IdentifierType | null = null;
  for (const [type, patterns] of Object.entries(rules) as [IdentifierType, RegExp[]][])
    if (patterns.some((pattern) => pattern.test(folded))) {
      result = type;
      break;
    }
  // Field names are few; a flood of distinct ones (a malformed file) must not grow this forever.
  if (known.size < 10_000) known.set(name, result);
  return result;
}
